package dev.remotemedia.signaling.cluster;

/**
 * The Lua scripts that make each change of the cluster's registry atomic in Redis (a script runs
 * alone: no other command interleaves). Keys, under {@code rm:<cluster>:}: {@code alive:<node>}
 * (a node's presence, its instance token, expiring), {@code nodes} (node → status JSON),
 * {@code owners} (peer id → node) and {@code peers} (peer id → the peer's JSON).
 */
final class RedisScripts {
    private RedisScripts() {}

    /**
     * KEYS: alive:self, owners, peers. ARGV: token, peer id, peer JSON, max peers, self.
     * Claims a peer id for this node: {@code ok}, {@code exists} (another connection has it),
     * {@code full} (max peers reached cluster-wide) or {@code absent} (this node's presence is gone:
     * it must rejoin first).
     */
    static final String CLAIM = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'absent' end
            if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'exists' end
            if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[4]) then return 'full' end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[5])
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
            return 'ok'
            """;

    /** KEYS: owners, peers. ARGV: peer id, self. Removes the peer if this node owns it: 1, else 0. */
    static final String RELEASE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """;

    /**
     * KEYS: alive:self. ARGV: token, ttl ms. Keeps this node's presence: {@code kept} (it was
     * there), {@code renewed} (it had expired or Redis lost it: the node must republish) or
     * {@code taken} (another process holds this node id).
     */
    static final String HEARTBEAT = """
            local current = redis.call('GET', KEYS[1])
            if current == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 'kept'
            end
            if current then return 'taken' end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 'renewed'
            """;

    /**
     * KEYS: owners, peers. ARGV: self, then peer id and peer JSON pairs. Replaces this node's
     * peers in the registry with the given ones (after an outage); returns the ids another node
     * holds now, which were not republished.
     */
    static final String REPUBLISH = """
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if all[i + 1] == ARGV[1] then
                redis.call('HDEL', KEYS[1], all[i])
                redis.call('HDEL', KEYS[2], all[i])
              end
            end
            local conflicts = {}
            for i = 2, #ARGV, 2 do
              if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
                table.insert(conflicts, ARGV[i])
              else
                redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
                redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
              end
            end
            return conflicts
            """;

    /**
     * KEYS: alive:dead, nodes, owners, peers. ARGV: the dead node. Once its presence has expired,
     * removes the node and its peers; returns how many peers, -1 when it is alive after all, or -2
     * when it is gone already (it left, or another node reaped it).
     * Idempotent: the first node to notice does the work, the others find nothing left.
     */
    static final String REAP = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return -2 end
            local all = redis.call('HGETALL', KEYS[3])
            local n = 0
            for i = 1, #all, 2 do
              if all[i + 1] == ARGV[1] then
                redis.call('HDEL', KEYS[3], all[i])
                redis.call('HDEL', KEYS[4], all[i])
                n = n + 1
              end
            end
            return n
            """;

    /**
     * KEYS: alive:self, nodes, owners, peers. ARGV: token, self. A clean exit: removes this node's
     * presence (if it is still ours) and its peers; returns their ids.
     */
    static final String LEAVE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            redis.call('HDEL', KEYS[2], ARGV[2])
            local all = redis.call('HGETALL', KEYS[3])
            local gone = {}
            for i = 1, #all, 2 do
              if all[i + 1] == ARGV[2] then
                redis.call('HDEL', KEYS[3], all[i])
                redis.call('HDEL', KEYS[4], all[i])
                table.insert(gone, all[i])
              end
            end
            return gone
            """;
}
