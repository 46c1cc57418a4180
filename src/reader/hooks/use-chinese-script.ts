// The reader's 简/繁 choice: loads the converter on demand (opencc-js is large) and says how it went.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../ui/i18n';
import { errorText, type Status } from '../../ui/use-status';
import { loadConverter, type ConvertTarget, type Converter, type ConverterImporter } from '../chinese-convert';

export interface ChineseScript {
  target: ConvertTarget;
  converter: Converter | null;
  converting: boolean;
  /** Resolves to whether `next` is now the target. */
  pick: (next: ConvertTarget) => Promise<boolean>;
}

/** `initial`: the target this site's profile opens with (src/settings/profile-values.ts), picked once on open. */
export function useChineseScript(
  importConverter: ConverterImporter | undefined,
  flash: (status: Status) => void,
  initial: ConvertTarget = 'original',
): ChineseScript {
  const [target, setTarget] = useState<ConvertTarget>('original');
  const [converter, setConverter] = useState<Converter | null>(null);
  const [converting, setConverting] = useState(false);

  const pick = useCallback(
    async (next: ConvertTarget) => {
      if (next === target) return true;
      if (next === 'original') {
        setTarget('original');
        setConverter(null);
        return true;
      }
      setConverting(true);
      try {
        const fn = await loadConverter(next, importConverter);
        setTarget(next);
        // A function in state must be wrapped: Preact would call it as an updater.
        setConverter(() => fn);
        flash({ text: t(next === 'traditional' ? 'conv_doneTraditional' : 'conv_doneSimplified'), tone: 'ok' });
        return true;
      } catch (err) {
        flash({ text: t('conv_unavailable', errorText(err)), tone: 'error' });
        return false;
      } finally {
        setConverting(false);
      }
    },
    [target, importConverter, flash],
  );

  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    if (initial !== 'original') void pick(initial);
  }, [initial, pick]);

  return { target, converter, converting, pick };
}
