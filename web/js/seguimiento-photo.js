// Photos are shrunk on the phone before they travel: a canvas redraw (longest side 1600 px,
// JPEG at 0.8) makes a 4 MB camera picture about 300 KB and drops its metadata (EXIF, the GPS
// the camera may have written). Where it was taken is added only when the person allows it.

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** A JPEG blob no larger than MAX_SIDE; the original when the browser cannot decode it. */
export async function shrinkPhoto(file) {
  if (!file || !/^image\//.test(file.type) || typeof createImageBitmap !== 'function') return file;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // e.g. HEIC on a browser without it: the server says which types it takes
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff'; // a transparent PNG gets a white background, not black
  g.fillRect(0, 0, w, h);
  g.drawImage(bitmap, 0, 0, w, h);
  bitmap.close?.();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return blob || file;
}

/** When the picture was taken: the file's time (the camera's), else now; ISO 8601 UTC. */
export function takenAt(file) {
  const t = file && Number(file.lastModified);
  const ms = Number.isFinite(t) && t > 0 && t <= Date.now() + 60_000 ? t : Date.now();
  return new Date(ms).toISOString();
}

/**
 * The phone's position, only when the person ticked the box: {latitude, longitude} or null
 * (denied, unavailable or slow). Never called silently.
 */
export function position({ timeoutMs = 10_000 } = {}) {
  if (!('geolocation' in navigator)) return Promise.resolve({ error: 'No está disponible en este teléfono.' });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      (e) => resolve({
        error: e.code === 1 ? 'No dio permiso para usar la ubicación.' : 'No se pudo saber la ubicación.',
      }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 });
  });
}
