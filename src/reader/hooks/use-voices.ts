// The installed voices, followed as the browser loads them (Chrome fills its list after the page, with
// `voiceschanged`).
import { useEffect, useState } from 'preact/hooks';
import type { SynthLike } from '../read-aloud';
import type { VoiceLike } from '../voices';

export function useVoices(synth: SynthLike | null): VoiceLike[] {
  const [voices, setVoices] = useState<VoiceLike[]>(() => synth?.getVoices() ?? []);
  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    update();
    synth.addEventListener?.('voiceschanged', update);
    return () => synth.removeEventListener?.('voiceschanged', update);
  }, [synth]);
  return voices;
}
