import { useCallback, useState } from 'react';

/**
 * One async action a form sends (a modal's confirm): whether it is running, and the error it ended
 * with, for an <ApiErrorAlert>. `run(action, then, onError?)` clears the last error, runs the action
 * and hands its result to `then`; a failure is kept in `error` instead (and given to `onError`, e.g. to
 * mark the form's fields with the API's field errors).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(
      action: () => Promise<T>,
      then: (result: T) => void | Promise<void>,
      onError?: (e: unknown) => void,
    ) => {
      setBusy(true);
      setError(null);
      try {
        await then(await action());
      } catch (e) {
        onError?.(e);
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, run };
}
