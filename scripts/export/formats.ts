// The output formats and their file names: small, so the command line and the build records can
// name outputs without loading the exporters.

export const OUTPUT_FORMATS = ['html', 'pdf', 'pptx', 'handout'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The file name each format writes in `<out>/<slug>/`. */
export const outputName = (audience: string, format: OutputFormat | 'md') =>
  format === 'handout' ? `${audience}-handout.pdf` : `${audience}.${format}`;
