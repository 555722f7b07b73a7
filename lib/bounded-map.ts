// A Map that never grows past `max` entries: setting a key makes it the newest, and the
// oldest entry goes when there is no room. For the in-process memories of hot paths.
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
