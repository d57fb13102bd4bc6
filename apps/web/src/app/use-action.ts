import { useCallback, useState } from 'react';

/**
 * One async action a form sends (a modal's confirm): whether it is running, and the error it ended
 * with, for an <ApiErrorAlert>. `run(action, then)` clears the last error, runs the action and hands
 * its result to `then`; a failure is kept in `error` instead.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(action: () => Promise<T>, then: (result: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      then(await action());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
