/** A TCP port from the environment variable `name`, or `fallback` when it is unset. */
export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}
