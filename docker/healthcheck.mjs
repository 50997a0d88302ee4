// The image's HEALTHCHECK: healthy when the emulator answers GET /__emulator/health with 200.
const port = process.env.ZUORA_EMULATOR_PORT || '4010';
try {
  const response = await fetch(`http://127.0.0.1:${port}/__emulator/health`, { signal: AbortSignal.timeout(2500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
