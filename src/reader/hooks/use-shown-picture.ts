// The lightbox shows what the reader's own picture loaded. A picture not loaded yet (lazy, far down the article,
// or its fallback still trying the next address) is asked to load now and followed until it has loaded or failed.
import { useEffect, useState } from 'preact/hooks';
import { shownPicture, type Shown } from '../lightbox/pictures';

export function useShownPicture(img: HTMLImageElement): Shown {
  // Kept with the picture it is about: stepping to another picture shows that one from the first render on.
  const [seen, setSeen] = useState(() => ({ img, shown: shownPicture(img) }));
  const setShown = (shown: Shown): void => setSeen({ img, shown });

  useEffect(() => {
    setShown(shownPicture(img));
    // Its error is seen after the fallback's (capture, on the shadow root), which has moved it on or marked it failed.
    const onError = (): void => setShown(shownPicture(img));
    const onLoad = (): void => setShown(shownPicture(img, true));
    img.addEventListener('load', onLoad);
    img.addEventListener('error', onError);
    // A lazy picture outside the view would wait until scrolled to.
    if (img.getAttribute('loading') === 'lazy') img.setAttribute('loading', 'eager');
    return () => {
      img.removeEventListener('load', onLoad);
      img.removeEventListener('error', onError);
    };
  }, [img]);

  return seen.img === img ? seen.shown : shownPicture(img);
}
