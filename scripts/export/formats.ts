// The output formats and their file names: small, so the command line and the build records can
// name outputs without loading the exporters.

export const OUTPUT_FORMATS = ['html', 'pdf', 'pptx', 'handout', 'memo'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The files each format writes in `<out>/<slug>/`: the read-ahead memo writes Word and PDF. */
export const outputNames = (audience: string, format: OutputFormat | 'md'): string[] =>
  format === 'handout'
    ? [`${audience}-handout.pdf`]
    : format === 'memo'
      ? [`${audience}-memo.docx`, `${audience}-memo.pdf`]
      : [`${audience}.${format}`];

/** The file a format writes, or the first of them. */
export const outputName = (audience: string, format: OutputFormat | 'md') => outputNames(audience, format)[0]!;
