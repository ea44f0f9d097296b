/** `work` with a memory: each argument's result is worked out once, for as long as the function is kept. */
export function remembering<A, R>(work: (argument: A) => R): (argument: A) => R {
  const results = new Map<A, R>();
  return (argument) => {
    const known = results.get(argument);
    // One lookup for what is known: `has` only for a result that is itself undefined.
    if (known !== undefined || results.has(argument)) return known as R;
    const result = work(argument);
    results.set(argument, result);
    return result;
  };
}
