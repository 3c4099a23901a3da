-- 85 knowledge (seed 004 table 7): the shared knowledge base. Recorded with a registered type and a
-- 1..10 confidence, found by project scope, type, confidence and ranked full-text search over title
-- and description (GIN expression index idx_knowledge_fts of migration 0006 -- the search uses the
-- very same expression), applied with success/failure tracking that recalculates the confidence,
-- and updated field by field from a validated jsonb document.
--
-- Confidence formula (apply_knowledge): Laplace-smoothed success ratio on the 1..10 scale,
--     confidence_level = round(1 + 9 * (times_applied - times_failed + 1) / (times_applied + 2))
-- e.g. new item applied once successfully -> 7, once unsuccessfully -> 4; 10 successes -> 9;
-- 10 failures -> 2. It always stays within 1..10.
-- Legacy rows on the 1..100 scale (confidence_level > 10) are read as round(confidence / 10).

-- Rule: the confidence on the 1..10 scale; legacy values on the 1..100 scale (> 10) are divided by 10 and rounded.
CREATE OR REPLACE FUNCTION claude.knowledge_confidence(p_confidence_level integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
    SELECT CASE WHEN p_confidence_level > 10 THEN LEAST(10, GREATEST(1, pg_catalog.round(p_confidence_level / 10.0)))::integer
                ELSE p_confidence_level END;
$fn$;
COMMENT ON FUNCTION claude.knowledge_confidence(integer) IS
    'Internal: confidence on the documented 1..10 scale; legacy 1..100 values (> 10) become round(value / 10), e.g. 85 -> 9.';

-- Rule: a list of project / platform names is an array of non-blank strings (CD001 naming the field); returns it trimmed.
CREATE OR REPLACE FUNCTION claude.assert_name_list(p_field text, p_names text[])
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_names IS NULL THEN
        RETURN '{}';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(p_names) AS n WHERE claude.is_blank(n)) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('%s %s is not valid: it contains an empty name', p_field, p_names),
            HINT = format('Pass names only, e.g. {"claude-family"}; an empty %s means every one.', p_field);
    END IF;
    RETURN ARRAY(SELECT btrim(n) FROM unnest(p_names) WITH ORDINALITY AS u(n, ord) ORDER BY ord);
END;
$fn$;
COMMENT ON FUNCTION claude.assert_name_list(text, text[]) IS
    'Internal: trimmed copy of a name list (NULL -> empty); CD001 when an element is NULL or blank.';

-- Rule: seed 004 record_knowledge -- title (CD005, at most 200), description (CD005), registered knowledge_type (CD005/CD001), confidence 1..10 (CD001), existing identity (CD002); counters start at 0.
CREATE OR REPLACE FUNCTION claude.record_knowledge(
    p_title                  text,
    p_description            text,
    p_knowledge_type         text,
    p_applies_to_projects    text[] DEFAULT '{}',
    p_confidence_level       integer DEFAULT 5,
    p_learned_by_identity_id uuid DEFAULT NULL,
    p_code_example           text DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_title text := btrim(p_title);
    v_projects text[];
    v_id uuid;
BEGIN
    IF claude.is_blank(v_title) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a knowledge title is required',
            HINT = 'Pass what the knowledge is about, e.g. ''UPDATE has no ORDER BY/LIMIT''.';
    END IF;
    IF length(v_title) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge title ''%s...'' is %s characters long', left(v_title, 40), length(v_title)),
            HINT = 'Titles have at most 200 characters; put the details in the description.';
    END IF;
    IF claude.is_blank(p_description) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a description is required for knowledge ''%s''', v_title),
            HINT = 'Pass the knowledge itself in p_description.';
    END IF;
    IF p_knowledge_type IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('a knowledge type is required for ''%s''', v_title),
            HINT = format('Pass one of: %s.', (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(claude.get_valid_values('knowledge', 'knowledge_type')) AS v));
    END IF;
    PERFORM claude.assert_valid_value('knowledge', 'knowledge_type', p_knowledge_type);
    IF p_confidence_level IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'confidence_level is required',
            HINT = 'Omit p_confidence_level for 5, or pass 1 (experimental) .. 10 (verified).';
    END IF;
    IF p_confidence_level NOT BETWEEN 1 AND 10 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('confidence_level %s is not valid', p_confidence_level),
            HINT = 'Pass 1 .. 10: 1-3 experimental, 4-6 works sometimes, 7-9 proven, 10 verified many times.';
    END IF;
    v_projects := claude.assert_name_list('applies_to_projects', p_applies_to_projects);
    IF p_learned_by_identity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claude.identities i WHERE i.identity_id = p_learned_by_identity_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('identity %s does not exist', p_learned_by_identity_id),
            HINT = 'Pass an identity from claude.get_active_identities(), or NULL.';
    END IF;
    INSERT INTO claude.knowledge (knowledge_id, learned_by_identity_id, knowledge_type, title, description, applies_to_projects,
                                  confidence_level, times_applied, times_failed, code_example, created_at, updated_at)
    VALUES (gen_random_uuid(), p_learned_by_identity_id, p_knowledge_type, v_title, btrim(p_description), v_projects,
            p_confidence_level, 0, 0, p_code_example, now(), now())
    RETURNING knowledge_id INTO v_id;
    RETURN v_id;
END;
$fn$;
COMMENT ON FUNCTION claude.record_knowledge(text, text, text, text[], integer, uuid, text) IS
    'Records knowledge (times_applied = times_failed = 0) and returns its id; an empty applies_to_projects means every project. CD005 blank title/description, NULL type or confidence; CD001 unregistered type, title over 200, confidence outside 1..10, blank project name; CD002 unknown identity.';

-- Rule: seed 004 search_knowledge -- knowledge of the project (empty/NULL applies_to_projects = all; any case), of a registered type, at least p_min_confidence (1..10), matching p_search_text (websearch syntax over title + description, index-backed); confidence DESC, times_applied DESC, rank DESC; at most 50.
CREATE OR REPLACE FUNCTION claude.search_knowledge(
    p_project_name   text DEFAULT NULL,
    p_knowledge_type text DEFAULT NULL,
    p_search_text    text DEFAULT NULL,
    p_min_confidence integer DEFAULT 5)
RETURNS TABLE(knowledge_id uuid, title text, description text, knowledge_type text, knowledge_category text,
              applies_to_projects text[], confidence_level integer, times_applied integer, times_failed integer, rank real)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_project text := lower(NULLIF(btrim(p_project_name), ''));
    v_min integer := COALESCE(p_min_confidence, 1);
    v_query tsquery;
BEGIN
    IF v_min NOT BETWEEN 1 AND 10 THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('min_confidence %s is not valid', p_min_confidence),
            HINT = 'Pass 1 .. 10 (default 5), or NULL for no minimum.';
    END IF;
    PERFORM claude.assert_valid_value('knowledge', 'knowledge_type', p_knowledge_type);
    IF NOT claude.is_blank(p_search_text) THEN
        v_query := websearch_to_tsquery('english'::regconfig, p_search_text);
        IF numnode(v_query) = 0 THEN
            v_query := NULL;   -- only stop words: no text filter
        END IF;
    END IF;

    IF v_query IS NULL THEN
        RETURN QUERY
            SELECT k.knowledge_id, k.title::text, k.description, k.knowledge_type::text, k.knowledge_category::text, k.applies_to_projects,
                   claude.knowledge_confidence(k.confidence_level), COALESCE(k.times_applied, 0), COALESCE(k.times_failed, 0), 0::real
              FROM claude.knowledge k
             WHERE (p_knowledge_type IS NULL OR k.knowledge_type = p_knowledge_type)
               AND claude.knowledge_confidence(k.confidence_level) >= v_min
               AND (v_project IS NULL OR k.applies_to_projects IS NULL OR cardinality(k.applies_to_projects) = 0
                    OR EXISTS (SELECT 1 FROM unnest(k.applies_to_projects) AS a WHERE lower(btrim(a)) = v_project))
             ORDER BY 7 DESC NULLS LAST, 8 DESC, k.title, k.knowledge_id
             LIMIT 50;
    ELSE
        RETURN QUERY
            SELECT k.knowledge_id, k.title::text, k.description, k.knowledge_type::text, k.knowledge_category::text, k.applies_to_projects,
                   claude.knowledge_confidence(k.confidence_level), COALESCE(k.times_applied, 0), COALESCE(k.times_failed, 0),
                   ts_rank(to_tsvector('english'::regconfig, COALESCE(k.title::text, '') || ' ' || COALESCE(k.description, '')), v_query)
              FROM claude.knowledge k
             WHERE to_tsvector('english'::regconfig, COALESCE(k.title::text, '') || ' ' || COALESCE(k.description, '')) @@ v_query
               AND (p_knowledge_type IS NULL OR k.knowledge_type = p_knowledge_type)
               AND claude.knowledge_confidence(k.confidence_level) >= v_min
               AND (v_project IS NULL OR k.applies_to_projects IS NULL OR cardinality(k.applies_to_projects) = 0
                    OR EXISTS (SELECT 1 FROM unnest(k.applies_to_projects) AS a WHERE lower(btrim(a)) = v_project))
             ORDER BY 7 DESC NULLS LAST, 8 DESC, 10 DESC, k.title, k.knowledge_id
             LIMIT 50;
    END IF;
END;
$fn$;
COMMENT ON FUNCTION claude.search_knowledge(text, text, text, integer) IS
    'Up to 50 knowledge items: of p_project_name (items with an empty/NULL applies_to_projects apply to every project; case-insensitive), of p_knowledge_type (CD001 if not registered), with confidence >= p_min_confidence (1..10, CD001; NULL = no minimum), matching p_search_text (websearch_to_tsquery, english, over title + description via GIN index idx_knowledge_fts; rank = ts_rank); ordered by confidence DESC, times_applied DESC, rank DESC.';

-- Rule: seed 004 apply_knowledge -- times_applied + 1, times_failed + 1 on failure, last_applied_at now, confidence = round(1 + 9 * (times_applied - times_failed + 1) / (times_applied + 2)) (always 1..10).
CREATE OR REPLACE FUNCTION claude.apply_knowledge(p_knowledge_id uuid, p_was_successful boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_knowledge claude.knowledge;
    v_applied integer;
    v_failed integer;
BEGIN
    IF p_knowledge_id IS NULL OR p_was_successful IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a knowledge id and whether applying it succeeded are required',
            HINT = 'Call claude.apply_knowledge(knowledge_id, true | false).';
    END IF;
    SELECT * INTO v_knowledge FROM claude.knowledge k WHERE k.knowledge_id = p_knowledge_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('knowledge %s does not exist', p_knowledge_id),
            HINT = 'Pass a knowledge_id from claude.search_knowledge.';
    END IF;
    v_applied := COALESCE(v_knowledge.times_applied, 0) + 1;
    v_failed := LEAST(COALESCE(v_knowledge.times_failed, 0) + CASE WHEN p_was_successful THEN 0 ELSE 1 END, v_applied);
    UPDATE claude.knowledge k
       SET times_applied = v_applied,
           times_failed = v_failed,
           last_applied_at = now(),
           confidence_level = round(1 + 9.0 * (v_applied - v_failed + 1) / (v_applied + 2))::integer
     WHERE k.knowledge_id = p_knowledge_id;
END;
$fn$;
COMMENT ON FUNCTION claude.apply_knowledge(uuid, boolean) IS
    'Tracks one use of a knowledge item: times_applied + 1, times_failed + 1 when it did not work, last_applied_at = now, and confidence_level recalculated as the Laplace-smoothed success ratio round(1 + 9 * (times_applied - times_failed + 1) / (times_applied + 2)), always within 1..10 (first success -> 7, first failure -> 4). CD005 NULL argument, CD002 unknown.';

-- Rule: a jsonb value that must be an array of non-blank strings (or null); CD001 naming the key.
CREATE OR REPLACE FUNCTION claude.jsonb_name_list(p_key text, p_value jsonb)
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
BEGIN
    IF p_value IS NULL OR jsonb_typeof(p_value) = 'null' THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(p_value) <> 'array'
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_value) AS e WHERE jsonb_typeof(e) <> 'string' OR btrim(e #>> '{}') = '') THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001',
            MESSAGE = format('%s %s is not valid: it must be an array of non-empty strings', p_key, left(p_value::text, 200)),
            HINT = format('e.g. {"%s": ["claude-family"]}', p_key);
    END IF;
    RETURN ARRAY(SELECT btrim(e) FROM jsonb_array_elements_text(p_value) WITH ORDINALITY AS u(e, ord) ORDER BY ord);
END;
$fn$;
COMMENT ON FUNCTION claude.jsonb_name_list(text, jsonb) IS
    'Internal: text[] from a jsonb array of non-blank strings (trimmed; JSON null -> NULL); CD001 naming the key otherwise.';

-- Rule: seed 004 update_knowledge -- only title, description, knowledge_type, knowledge_category, applies_to_projects, applies_to_platforms, confidence_level, code_example, related_knowledge (unknown key CD001 naming it), each validated like record_knowledge; updated_at now.
CREATE OR REPLACE FUNCTION claude.update_knowledge(p_knowledge_id uuid, p_updates jsonb)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, claude, pg_temp
AS $fn$
DECLARE
    v_key text;
    v_value jsonb;
    v_text text;
    v_related text[];
    v_known constant text[] := ARRAY['title', 'description', 'knowledge_type', 'knowledge_category', 'applies_to_projects',
                                     'applies_to_platforms', 'confidence_level', 'code_example', 'related_knowledge'];
BEGIN
    IF p_knowledge_id IS NULL OR p_updates IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'a knowledge id and the updates are required',
            HINT = 'Call claude.update_knowledge(knowledge_id, ''{"confidence_level": 8}'').';
    END IF;
    IF jsonb_typeof(p_updates) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('updates %s are not valid: they must be a JSON object', left(p_updates::text, 100)),
            HINT = format('Pass an object with any of: %s.', array_to_string(v_known, ', '));
    END IF;
    IF p_updates = '{}'::jsonb THEN
        RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'no field to update was given',
            HINT = format('Pass an object with any of: %s.', array_to_string(v_known, ', '));
    END IF;
    FOR v_key, v_value IN SELECT e.key, e.value FROM jsonb_each(p_updates) AS e ORDER BY e.key LOOP
        IF NOT v_key = ANY (v_known) THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge field ''%s'' cannot be updated', v_key),
                HINT = format('Updatable fields: %s.', array_to_string(v_known, ', '));
        END IF;
        IF v_key IN ('title', 'description', 'knowledge_type', 'confidence_level') AND jsonb_typeof(v_value) = 'null' THEN
            RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = format('knowledge %s is required and cannot be set to null', v_key),
                HINT = format('Pass a value for %s, or leave the key out.', v_key);
        END IF;
        IF v_key IN ('title', 'description', 'knowledge_type', 'knowledge_category', 'code_example')
           AND jsonb_typeof(v_value) NOT IN ('string', 'null') THEN
            RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge %s %s is not valid: it must be a string', v_key, left(v_value::text, 100)),
                HINT = format('e.g. {"%s": "..."}', v_key);
        END IF;
        v_text := v_value #>> '{}';
        CASE v_key
            WHEN 'title' THEN
                IF v_text IS NOT NULL AND claude.is_blank(v_text) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'knowledge title cannot be blank', HINT = 'Pass a title.';
                END IF;
                IF length(btrim(v_text)) > 200 THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge title is %s characters long', length(btrim(v_text))),
                        HINT = 'Titles have at most 200 characters.';
                END IF;
            WHEN 'description' THEN
                IF v_text IS NOT NULL AND claude.is_blank(v_text) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD005', MESSAGE = 'knowledge description cannot be blank', HINT = 'Pass the knowledge itself.';
                END IF;
            WHEN 'knowledge_type' THEN
                PERFORM claude.assert_valid_value('knowledge', 'knowledge_type', v_text);
            WHEN 'knowledge_category' THEN
                IF length(v_text) > 100 THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge_category ''%s...'' is %s characters long', left(v_text, 40), length(v_text)),
                        HINT = 'Categories have at most 100 characters, e.g. postgresql, testing, deployment.';
                END IF;
            WHEN 'confidence_level' THEN
                IF jsonb_typeof(v_value) <> 'number' OR v_text !~ '^[0-9]+$' OR v_text::numeric NOT BETWEEN 1 AND 10 THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('confidence_level %s is not valid', v_value),
                        HINT = 'Pass a whole number 1 .. 10.';
                END IF;
            WHEN 'applies_to_projects', 'applies_to_platforms' THEN
                PERFORM claude.jsonb_name_list(v_key, v_value);
            WHEN 'related_knowledge' THEN
                v_related := claude.jsonb_name_list(v_key, v_value);
                IF EXISTS (SELECT 1 FROM unnest(v_related) AS r WHERE r !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('related_knowledge %s is not valid: it must list knowledge ids', v_value),
                        HINT = 'Pass knowledge_id values from claude.search_knowledge.';
                END IF;
                IF p_knowledge_id::text = ANY (SELECT lower(r) FROM unnest(v_related) AS r) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD001', MESSAGE = format('knowledge %s cannot be related to itself', p_knowledge_id),
                        HINT = 'List other knowledge items.';
                END IF;
                SELECT r INTO v_text FROM unnest(v_related) AS r
                 WHERE NOT EXISTS (SELECT 1 FROM claude.knowledge k WHERE k.knowledge_id = r::uuid) LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('related knowledge %s does not exist', v_text),
                        HINT = 'Pass knowledge_id values from claude.search_knowledge.';
                END IF;
            ELSE
                NULL;
        END CASE;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM claude.knowledge k WHERE k.knowledge_id = p_knowledge_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'CD002', MESSAGE = format('knowledge %s does not exist', p_knowledge_id),
            HINT = 'Pass a knowledge_id from claude.search_knowledge.';
    END IF;
    UPDATE claude.knowledge k
       SET title = CASE WHEN p_updates ? 'title' THEN btrim(p_updates ->> 'title') ELSE k.title END,
           description = CASE WHEN p_updates ? 'description' THEN btrim(p_updates ->> 'description') ELSE k.description END,
           knowledge_type = CASE WHEN p_updates ? 'knowledge_type' THEN p_updates ->> 'knowledge_type' ELSE k.knowledge_type END,
           knowledge_category = CASE WHEN p_updates ? 'knowledge_category' THEN NULLIF(btrim(p_updates ->> 'knowledge_category'), '') ELSE k.knowledge_category END,
           applies_to_projects = CASE WHEN p_updates ? 'applies_to_projects'
                                      THEN COALESCE(claude.jsonb_name_list('applies_to_projects', p_updates -> 'applies_to_projects'), '{}')
                                      ELSE k.applies_to_projects END,
           applies_to_platforms = CASE WHEN p_updates ? 'applies_to_platforms'
                                       THEN claude.jsonb_name_list('applies_to_platforms', p_updates -> 'applies_to_platforms')
                                       ELSE k.applies_to_platforms END,
           confidence_level = CASE WHEN p_updates ? 'confidence_level' THEN (p_updates ->> 'confidence_level')::integer ELSE k.confidence_level END,
           code_example = CASE WHEN p_updates ? 'code_example' THEN p_updates ->> 'code_example' ELSE k.code_example END,
           related_knowledge = CASE WHEN p_updates ? 'related_knowledge'
                                    THEN ARRAY(SELECT lower(r) FROM unnest(claude.jsonb_name_list('related_knowledge', p_updates -> 'related_knowledge')) AS r)
                                    ELSE k.related_knowledge END,
           updated_at = now()
     WHERE k.knowledge_id = p_knowledge_id;
END;
$fn$;
COMMENT ON FUNCTION claude.update_knowledge(uuid, jsonb) IS
    'Updates the given fields of a knowledge item and sets updated_at. Keys: title, description, knowledge_type (registered), knowledge_category, applies_to_projects / applies_to_platforms (arrays of names), confidence_level (1..10), code_example, related_knowledge (array of other existing knowledge ids). CD005 NULL/empty updates or a required field set to null/blank, CD001 unknown key (named) or invalid value, CD002 unknown knowledge or related id.';
