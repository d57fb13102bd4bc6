import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useSession } from '../../app/auth';
import { useOnline } from '../use-online';
import { apiHttp, loadQueue, syncNow, useQueueState } from './queue-store';

/** While reports wait and the phone says it is online, try again this often (flaky networks). */
const RETRY_MS = 60_000;

/** 立即同步: sends the queue, then marks the case lists stale so the new cases show. */
export function useSyncQueue() {
  const me = useSession();
  const client = useQueryClient();
  return useCallback(async () => {
    const result = await syncNow(apiHttp(me.csrfToken));
    if (result.sent.length > 0) await client.invalidateQueries({ queryKey: ['cases'] });
    return result;
  }, [me.csrfToken, client]);
}

/**
 * Runs once, in the phone frame: loads this account's queue and sends it when the phone comes back
 * online, and every minute while something waits. Answers what the title bar shows.
 */
export function useQueueAutoSync() {
  const me = useSession();
  const online = useOnline();
  const sync = useSyncQueue();
  const { reports, justSent } = useQueueState();
  const waiting = reports.filter((r) => !r.refused).length;

  useEffect(() => {
    void loadQueue(me.account.id);
  }, [me.account.id]);

  const hasWaiting = waiting > 0;
  useEffect(() => {
    if (!online || !hasWaiting) return;
    void sync();
    const timer = setInterval(() => void sync(), RETRY_MS);
    return () => clearInterval(timer);
  }, [online, hasWaiting, sync]);

  return { waiting, justSent };
}
