// Pictures in the package: PNG, JPEG and GIF parts under ppt/media/, with their pixel sizes.
import { imageSize } from 'image-size';
import type { Part } from './package.ts';
import type { MediaPart } from './slides.ts';

/** The deck's pictures, each stored once however many slides show it; `prefix` keeps their names apart from a template's. */
export function mediaStore(prefix = 'image'): { add: (src: string) => MediaPart; parts: () => Part[] } {
  const bySource = new Map<string, MediaPart & { data: Uint8Array; type: string }>();
  return {
    add(src) {
      const known = bySource.get(src);
      if (known) return known;
      const match = /^data:image\/(png|jpeg|gif);base64,(.*)$/s.exec(src);
      if (!match) throw new Error('a picture that is not PNG, JPEG or GIF reached the PowerPoint writer');
      const data = new Uint8Array(Buffer.from(match[2]!, 'base64'));
      const size = imageSize(data);
      const part = {
        name: `ppt/media/${prefix}${bySource.size + 1}.${match[1]}`,
        width: size.width ?? 0,
        height: size.height ?? 0,
        data,
        type: `image/${match[1]}`,
      };
      bySource.set(src, part);
      return part;
    },
    parts: () => [...bySource.values()].map((part) => ({ name: part.name, contentType: part.type, data: part.data })),
  };
}
