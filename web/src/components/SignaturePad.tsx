// A drawn signature (手写签名): a canvas the signer draws on with a finger, stylus or mouse (pointer
// events cover all three), a clear button, and the drawing as a PNG file. The server takes a drawn
// signature as an uploaded PNG attachment (POST /api/v1/attachments, then its id in the signing call:
// server/modules/inspections/signatures.ts); uploadSignature does the upload. People who cannot draw
// use the password confirmation offered beside the pad.
import { ClearOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { Attachment } from '../app/api-types';

interface Props {
  /** Accessible name of the drawing area, e.g. "检查人签名". */
  label: string;
  /** Called after each stroke with the drawing as a PNG, and with null when cleared. */
  onChange?: (png: File | null) => void;
  disabled?: boolean;
  /** CSS height of the pad in pixels (its width follows the container). */
  height?: number;
}

const INK = '#000';

function toPng(canvas: HTMLCanvasElement): Promise<File | null> {
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b ? new File([b], 'signature.png', { type: 'image/png' }) : null), 'image/png'));
}

export function SignaturePad({ label, onChange, disabled, height = 180 }: Props) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  // The latest callback, for the resize handler (which is set up once).
  const changed = useRef(onChange);
  changed.current = onChange;

  // The bitmap matches the shown size times the pixel ratio, so strokes are sharp on phones; a
  // resize starts a new (blank) bitmap, so the pad is cleared then.
  useEffect(() => {
    const canvas = canvasRef.current!;
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      if (canvas.width === Math.round(w * ratio) && canvas.height === Math.round(height * ratio)) return;
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(height * ratio);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(ratio, ratio);
      ctx.lineWidth = 2.5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = INK;
      setEmpty(true);
      changed.current?.(null);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(canvas);
    return () => ro.disconnect();
  }, [height]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    last.current = p;
    // A tap leaves a dot.
    const ctx = e.currentTarget.getContext('2d')!;
    ctx.beginPath();
    ctx.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = INK;
    ctx.fill();
  };

  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || !last.current) return;
    e.preventDefault();
    const p = point(e);
    const ctx = e.currentTarget.getContext('2d')!;
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
  };

  const up = async (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    last.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    setEmpty(false);
    onChange?.(await toPng(e.currentTarget));
  };

  const clear = () => {
    const canvas = canvasRef.current!;
    canvas.getContext('2d')!.clearRect(0, 0, canvas.width, canvas.height);
    setEmpty(true);
    onChange?.(null);
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={empty ? t('inspectionSignature.emptyPad', { label }) : t('inspectionSignature.signedPad', { label })}
        data-testid="signature-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        style={{ width: '100%', height, touchAction: 'none', display: 'block', background: '#fff', border: '1px dashed #8c8c8c', borderRadius: 8, cursor: disabled ? 'not-allowed' : 'crosshair' }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8, gap: 8, flexWrap: 'wrap' }}>
        <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('inspectionSignature.hint')}</span>
        <Button icon={<ClearOutlined aria-hidden />} onClick={clear} disabled={disabled || empty} size="large">
          {t('inspectionSignature.clear')}
        </Button>
      </div>
    </div>
  );
}

/** Uploads a drawn signature; returns the attachment id the signing call takes. */
export async function uploadSignature(png: File): Promise<string> {
  return (await api.upload<Attachment>('/attachments', png)).id;
}
