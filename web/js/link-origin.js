// The origin of the links and QR codes phones get (GET /api/link-origin): the server's
// --public-url, or the machine's LAN address when this page was opened as "localhost", never
// a name only this machine knows. `unreachable` says phones on the network cannot open it.
let pending;

export function linkOrigin() {
  pending ??= fetch('/api/link-origin')
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)
    .then((o) => {
      const origin = (o && o.origin) || location.origin;
      return { origin, host: origin.replace(/^https?:\/\//, ''), unreachable: o ? Boolean(o.unreachable) : false };
    });
  return pending;
}
