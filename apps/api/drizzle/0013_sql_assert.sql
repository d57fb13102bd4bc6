-- A write that is a single statement (its own implicit transaction, no BEGIN … COMMIT round trips) has
-- no later step in which the application could check what it did and roll back. `linli_assert` lets the
-- statement check itself: false raises (SQLSTATE P0001, the message is the error code the API answers
-- with), which aborts the whole statement, so nothing of it is written.
CREATE FUNCTION "linli_assert"("ok" boolean, "code" text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code;
  END IF;
  RETURN true;
END
$$;
