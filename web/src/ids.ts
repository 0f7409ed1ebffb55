// ULIDs made in the browser for new positions, so a new position can be named the unit's head
// in the same request (the server refuses an id that belongs to another unit).
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newId(now = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; ++i, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  const random = crypto.getRandomValues(new Uint8Array(16));
  let rest = "";
  for (let i = 0; i < 16; ++i) rest += alphabet[random[i] % 32];
  return time + rest;
}
