-- Change-feed positions (变更订阅位置): one durable, monotonic counter. Each projected chunk reserves a
-- block of positions in one statement; at start the counter is raised to at least the highest position
-- the search indices hold, so it never goes backwards even when restored from an older backup.
CREATE TABLE feed_position (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    last BIGINT   NOT NULL CHECK (last >= 0)
);
INSERT INTO feed_position (id, last) VALUES (1, 0);

-- Blocks of positions whose writes may not be visible to searches yet. Feeds stop below the lowest one,
-- so a consumer can never move past a change that becomes visible later. A block counts until its
-- writer says it landed (and for the index's refresh delay after that, unless it was made visible at
-- once); a block left by a crashed writer stops counting after a few minutes.
CREATE TABLE feed_reservation (
    first       BIGINT      PRIMARY KEY,
    last        BIGINT      NOT NULL,
    reserved_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    landed_at   TIMESTAMPTZ
);
