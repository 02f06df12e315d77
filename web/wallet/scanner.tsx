/**
 * Reading a code: the back camera (frames drawn into a canvas and decoded with jsQR, torch where
 * the device has one) or an image picked from the album. BarcodeDetector is absent on many
 * browsers (and on headless Chromium), so jsQR is the one path, and the one the tests exercise.
 */
import jsQRModule from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../shared/i18n.tsx';

type Decode = (data: Uint8ClampedArray, width: number, height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;
// jsqr is a CommonJS bundle: its default export is the module itself under some loaders.
const jsQR: Decode = ((jsQRModule as unknown as { default?: Decode }).default
  ?? (jsQRModule as unknown as Decode));

/** Frames are scaled down to this width before decoding (speed on slow phones). */
const frameWidthMax = 800;
/** Album images are scaled down to this side. */
const imageSideMax = 1600;
const frameIntervalMs = 150;

export type CameraProblem = 'insecure' | 'denied' | 'nocamera' | 'failed';

function decodeFrom(source: CanvasImageSource, width: number, height: number, maxSide: number) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, w, h);
  const image = context.getImageData(0, 0, w, h);
  return jsQR(image.data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeFrom(bitmap, bitmap.width, bitmap.height, imageSideMax);
  } finally {
    bitmap.close();
  }
}

export function CameraScanner(props: { onCode(text: string): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [track, setTrack] = useState<MediaStreamTrack | null>(null);
  const [torch, setTorch] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onCode = useRef(props.onCode);
  onCode.current = props.onCode;

  useEffect(() => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('insecure');
      return;
    }
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    setProblem(null);
    navigator.mediaDevices
      // `ideal`, never `exact`: devices without a facing mode would refuse an exact one.
      .getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
      .then(async (media) => {
        if (stopped) return media.getTracks().forEach((x) => x.stop());
        stream = media;
        const element = video.current;
        if (!element) return;
        element.srcObject = media;
        await element.play().catch(() => undefined);
        setTrack(media.getVideoTracks()[0] ?? null);
        timer = setInterval(() => {
          if (element.readyState < 2 || element.videoWidth === 0) return;
          const text = decodeFrom(element, element.videoWidth, element.videoHeight, frameWidthMax);
          if (text !== null && !stopped) {
            stopped = true;
            if (timer) clearInterval(timer);
            onCode.current(text);
          }
        }, frameIntervalMs);
      })
      .catch((error: unknown) => {
        const name = error instanceof DOMException ? error.name : '';
        if (name === 'NotAllowedError' || name === 'SecurityError') setProblem('denied');
        else if (name === 'NotFoundError' || name === 'OverconstrainedError') {
          setProblem('nocamera');
        }
        else setProblem('failed');
      });
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((x) => x.stop());
    };
  }, [attempt]);

  const capabilities = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean })
    | undefined;
  const toggleTorch = async () => {
    if (!track) return;
    const next = !torch;
    try {
      await track.applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] });
      setTorch(next);
    } catch {
      // the device said it has a torch but refused: leave it as it was
    }
  };

  if (problem) {
    return (
      <div className="notice warn" role="alert" id="camera-problem">
        <p style={{ margin: 0 }}>{t(`camera.${problem}`)}</p>
        {problem !== 'insecure' && (
          <button type="button" className="btn small" style={{ marginTop: 8 }}
            onClick={() => setAttempt((n) => n + 1)}>
            {t('camera.retry')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label={t('camera.view')} />
      <div className="camera-frame" aria-hidden="true" />
      {capabilities?.torch && (
        <button type="button" className="btn small torch" aria-pressed={torch}
          onClick={() => void toggleTorch()}>
          {t('camera.torch')}
        </button>
      )}
    </div>
  );
}
