/** Languages written right to left, as the theme's `section:lang(…)` rule lists them. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi']);

/** The primary language of a BCP 47 tag, in lower case: `zh` of `zh-TW`. */
export const primaryLanguage = (lang: string) => lang.toLowerCase().split(/[-_]/)[0]!;

/** Whether text in `lang` (a BCP 47 tag) runs right to left. */
export const writesRightToLeft = (lang: string) => RIGHT_TO_LEFT.has(primaryLanguage(lang));

/** The `lang` and `dir` attributes of a page in `lang`, its tag cleaned of anything but tag characters. */
export const pageLanguage = (lang: string) =>
  `lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"${writesRightToLeft(lang) ? ' dir="rtl"' : ''}`;
