/** A small flag parser: `--name value`, `--name=value` and bare `--flag`. */
export function parseArgs(args: string[], booleans: readonly string[] = []) {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (eq !== -1) flags.set(name, arg.slice(eq + 1));
    else if (booleans.includes(name) || i + 1 >= args.length || (args[i + 1] ?? '').startsWith('--')) flags.set(name, true);
    else flags.set(name, args[++i] ?? '');
  }
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  return { flags, positional, str, has: (name: string) => flags.has(name) };
}
