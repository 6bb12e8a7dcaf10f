// What the images the lessons name would run when `docker run IMAGE` gives no command:
// their ENTRYPOINT and CMD as published, for `docker ps` and `docker inspect`. (nslab has
// no images: a container runs the lab's own programs, see exec-in.ts.)

export interface ImageConfig { entrypoint: string[]; cmd: string[] }

const IMAGES: Record<string, ImageConfig> = {
  busybox: { entrypoint: [], cmd: ['sh'] },
  alpine: { entrypoint: [], cmd: ['/bin/sh'] },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'] },
  debian: { entrypoint: [], cmd: ['bash'] },
  centos: { entrypoint: [], cmd: ['/bin/bash'] },
  fedora: { entrypoint: [], cmd: ['/bin/bash'] },
  nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] },
  httpd: { entrypoint: [], cmd: ['httpd-foreground'] },
};

/** The image's name without registry, path or tag: docker.io/library/nginx:1.27 → nginx. */
export const imageBase = (image: string): string => image.split('/').pop()!.split(/[:@]/)[0];

/** An image nslab does not know runs a shell, as busybox does. */
export function imageConfig(image: string): ImageConfig {
  return IMAGES[imageBase(image)] ?? IMAGES.busybox;
}
