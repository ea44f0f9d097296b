import type { PlannedFigure } from '../figures/figure.ts';
import type { AudienceProfile, SectionKind } from './profile.ts';

// The plan's output: what every later stage (render, fit, export) works from.

/** A source as a slide cites it: its number in the brief's source list and a short label. */
export interface Citation {
  number: number;
  label: string;
}

/** What the fit check needs to know about a slide: the list it shows part of, and where it came from. */
export interface SlideFit {
  /** Slides of one group split and shrink together: `pillar:2`, `pros`, `appendix:1`. */
  group: string;
  /** The section as a person names it, for errors: `pillar 2 "Title"`. */
  section: string;
  /** The items on this slide that could move to a follow-up slide, as shown. */
  items: string[];
  /** How far the slide's text is shrunk to fit: 0 is the theme's own size. */
  shrink: number;
  /** How many figures sit beside the slide's points: the first thing to move when it overflows. */
  figures?: number;
}

/** One slide to render: its template kind, the values the template sees, and presenter notes. */
export interface PlannedSlide {
  kind: SectionKind;
  data: Record<string, unknown>;
  notes?: string;
  citations: Citation[];
  fit: SlideFit;
  /** The figures the slide shows, drawn when it renders. */
  figures?: PlannedFigure[];
}

/** A slide from the brief's Markdown body, kept as written. */
export interface AppendixSlide {
  markdown: string;
  fit: SlideFit;
}

/** What earlier fit checks decided: at most this many items per slide, or shrink this much, per group. */
export interface FitAdjustments {
  perSlide: ReadonlyMap<string, number>;
  shrink: ReadonlyMap<string, number>;
  /** Groups whose figures did not fit beside their points: each goes on a follow-up slide. */
  apart?: ReadonlySet<string>;
}

/** One audience's deck of one brief, ready to render. */
export interface Deck {
  slug: string;
  audience: string;
  profile: AudienceProfile;
  title: string;
  description: string;
  author?: string;
  lang: string;
  marking?: string;
  slides: PlannedSlide[];
  /** Markdown slides from the brief's body, appended as they are. */
  appendix: AppendixSlide[];
}
