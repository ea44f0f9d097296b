/** `work` with a memory: each argument's result is worked out once, for as long as the function is kept. */
export function remembering<A, R>(work: (argument: A) => R): (argument: A) => R {
  const results = new Map<A, R>();
  return (argument) => {
    if (results.has(argument)) return results.get(argument) as R;
    const result = work(argument);
    results.set(argument, result);
    return result;
  };
}
