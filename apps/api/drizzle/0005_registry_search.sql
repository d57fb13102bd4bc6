-- Resident search keyed by where people live. The GIN index on search_terms held every lexeme once
-- for the whole city, so a short prefix ("zy", "wangy") read the posting lists of up to 100,000
-- people to find the few hundred in one street. Now each lexeme is indexed behind the block of
-- org-node ids its resident's grid falls in ("<org_node_id >> 7>:<lexeme>"; a subtree's nodes have
-- neighbouring ids, so a street is one or two blocks), and a search asks for its scope's blocks only.
-- The block size is also written in apps/api/src/modules/registry/search-terms.ts (SEARCH_BLOCK_BITS).
-- Lexemes never hold control characters (search-terms.ts strips them), so chr(31) can separate them.
CREATE FUNCTION registry_search_keys(node integer, terms tsvector) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF length(terms) = 0 THEN
    RETURN terms;
  END IF;
  RETURN array_to_tsvector(string_to_array(
    (node >> 7)::text || ':' || array_to_string(tsvector_to_array(terms), chr(31) || (node >> 7)::text || ':'),
    chr(31)));
END
$$;
--> statement-breakpoint
DROP INDEX "residents_search_idx";
--> statement-breakpoint
CREATE INDEX "residents_search_idx" ON "residents" USING gin (registry_search_keys("org_node_id", "search_terms"));
