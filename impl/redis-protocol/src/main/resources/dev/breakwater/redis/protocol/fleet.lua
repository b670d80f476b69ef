-- Breakwater fleet mode: the rules of dev.breakwater.core.fleet.FleetBackend, applied atomically on Redis's clock.
-- Every value read back is validated: a missing, wrongly typed or out-of-range one is repaired (the breaker closed
-- with a new epoch, a stray field or key deleted), never trusted and never an error that would fail the exchange.
--
-- ARGV[1] the mode: 'x' exchange, 'h' hold, 'r' release
-- ARGV[2] the channel changes are announced on
-- exchange: ARGV[3] the instance, ARGV[4] the number of breakers n, then 13 values per breaker (see below), then
--           the number of rate limiters m and 6 values per limiter (see below);
--           KEYS: state, window and hold key per breaker (3n), then one key per rate limiter (m)
-- hold:     ARGV[3] 'HELD_OPEN' or 'HELD_CLOSED', ARGV[4] its length in ms; KEYS: state, window, hold
-- release:  KEYS: state, window, hold
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local second = math.floor(now / 1000)
local MAX = 9007199254740991
local CODES = {C = 0, O = 1, H = 2, HELD_OPEN = 3, HELD_CLOSED = 4}

local function int(value, low, high)
  local n = tonumber(value)
  if n == nil or n ~= n or n < low or n > high or n ~= math.floor(n) then
    return nil
  end
  return n
end

-- Deletes a key of ours that holds another type than ours (written by someone else).
local function typed(key, kind)
  local actual = redis.call('TYPE', key)['ok']
  if actual ~= kind and actual ~= 'none' then
    redis.call('DEL', key)
  end
end

-- The breaker's shared state; absent or invalid, it is closed with an epoch beyond the one last known.
local function read(key, known, delay, lease)
  typed(key, 'hash')
  local raw = redis.call('HMGET', key, 's', 'e', 'u', 'g', 'ps', 'pf')
  local st = {s = raw[1], e = int(raw[2], 0, MAX - 1), u = int(raw[3], 0, MAX), g = int(raw[4], 0, MAX),
              ps = int(raw[5], 0, MAX), pf = int(raw[6], 0, MAX), changed = false}
  local valid = st.e ~= nil and st.u ~= nil and st.g ~= nil and st.ps ~= nil and st.pf ~= nil
      and (st.s == 'C' or (st.s == 'O' and st.u <= now + delay) or (st.s == 'H' and st.u <= now + lease))
  if not valid then
    local absent = raw[1] == false and raw[2] == false
    local epoch = math.max(st.e or 0, known)
    st = {s = 'C', e = absent and epoch or epoch + 1, u = 0, g = 0, ps = 0, pf = 0, changed = not absent}
  end
  return st
end

local function change(st, state, untilMillis)
  st.s, st.u, st.e, st.g, st.ps, st.pf, st.changed = state, untilMillis, st.e + 1, 0, 0, 0, true
end

local function write(key, st, ttl)
  redis.call('HSET', key, 's', st.s, 'e', st.e, 'u', st.u, 'g', st.g, 'ps', st.ps, 'pf', st.pf)
  redis.call('PEXPIRE', key, ttl)
end

-- The window's sums over its last seconds, pruned of old and invalid fields.
local function sum(key, seconds)
  typed(key, 'hash')
  if redis.call('HLEN', key) > 2 * seconds + 1024 then
    redis.call('DEL', key)
  end
  local fields = redis.call('HGETALL', key)
  local calls, failures, reporters, stale = 0, 0, 0, {}
  for i = 1, #fields, 2 do
    local field, kind = fields[i], string.sub(fields[i], 1, 1)
    local n = int(fields[i + 1], 0, MAX)
    local at = kind == 'r' and n or int(string.sub(field, 2), 0, MAX)
    if n == nil or at == nil or at <= second - seconds or at > second
        or (kind ~= 'c' and kind ~= 'f' and kind ~= 'r') then
      stale[#stale + 1] = field
    elseif kind == 'c' then
      calls = calls + n
    elseif kind == 'f' then
      failures = failures + n
    else
      reporters = reporters + 1
    end
  end
  for i = 1, #stale, 100 do
    redis.call('HDEL', key, unpack(stale, i, math.min(i + 99, #stale)))
  end
  return calls, math.min(failures, calls), reporters
end

-- The hold in force, if any: one of ours, with an expiry.
local function held(key)
  typed(key, 'string')
  local hold = redis.call('GET', key)
  if not hold then
    return nil, 0
  end
  local left = redis.call('PTTL', key)
  if (hold ~= 'HELD_OPEN' and hold ~= 'HELD_CLOSED') or left <= 0 then
    redis.call('DEL', key)
    return nil, 0
  end
  return hold, left
end

local mode, channel = ARGV[1], ARGV[2]

if mode == 'h' or mode == 'r' then
  local stateKey, windowKey, holdKey = KEYS[1], KEYS[2], KEYS[3]
  local st = read(stateKey, 0, 0, 0)
  if mode == 'h' then
    redis.call('SET', holdKey, ARGV[3], 'PX', ARGV[4])
  elseif redis.call('DEL', holdKey) == 0 then
    return 0
  end
  change(st, 'C', 0)
  redis.call('DEL', windowKey)
  write(stateKey, st, math.max(redis.call('PTTL', stateKey), tonumber(ARGV[4] or 0) + 60000))
  redis.call('PUBLISH', channel, 'hold')
  return 1
end

local instance, count = ARGV[3], tonumber(ARGV[4])
local reply, announce = {now}, false
for b = 1, count do
  local a = 4 + (b - 1) * 13
  local minimum, ratio, quorum = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local seconds, delay, threshold = tonumber(ARGV[a + 4]), tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6])
  local lease, calls, failures = tonumber(ARGV[a + 7]), tonumber(ARGV[a + 8]), tonumber(ARGV[a + 9])
  local epoch, successes, failed = tonumber(ARGV[a + 10]), tonumber(ARGV[a + 11]), tonumber(ARGV[a + 12])
  local wanted = tonumber(ARGV[a + 13])
  local stateKey, windowKey, holdKey = KEYS[3 * b - 2], KEYS[3 * b - 1], KEYS[3 * b]

  typed(windowKey, 'hash')
  if calls > 0 then
    redis.call('HINCRBY', windowKey, 'c' .. second, calls)
  end
  if failures > 0 then
    redis.call('HINCRBY', windowKey, 'f' .. second, failures)
    redis.call('HSET', windowKey, 'r' .. instance, second)
  end
  local windowCalls, windowFailures, reporters = sum(windowKey, seconds)
  redis.call('PEXPIRE', windowKey, seconds * 2000)

  local st = read(stateKey, epoch, delay, lease)
  local hold, holdLeft = held(holdKey)
  local state, left, granted = 0, 0, 0
  if hold then
    state, left = CODES[hold], holdLeft
  else
    if st.s == 'O' and now >= st.u then
      change(st, 'H', now + lease)
    end
    if st.s == 'H' then
      if epoch == st.e then
        st.ps, st.pf = st.ps + successes, st.pf + failed
      end
      if st.pf > 0 or now >= st.u then
        change(st, 'O', now + delay)
      elseif st.ps >= threshold then
        change(st, 'C', 0)
        redis.call('DEL', windowKey)
        windowCalls, windowFailures, reporters = 0, 0, 0
      else
        granted = math.max(0, math.min(wanted, threshold - st.g))
        st.g = st.g + granted
      end
    elseif st.s == 'C' and windowCalls >= minimum and windowFailures >= math.ceil(ratio * windowCalls - 1e-9)
        and reporters >= quorum then
      change(st, 'O', now + delay)
      redis.call('DEL', windowKey)
      windowCalls, windowFailures, reporters = 0, 0, 0
    end
    state = CODES[st.s]
    if st.s ~= 'C' then
      left = math.max(0, st.u - now)
    end
  end
  write(stateKey, st, 2 * math.max(delay, lease, seconds * 1000) + 60000)
  announce = announce or st.changed
  reply[#reply + 1] = state
  reply[#reply + 1] = st.e
  reply[#reply + 1] = left
  reply[#reply + 1] = granted
  reply[#reply + 1] = windowCalls
  reply[#reply + 1] = windowFailures
  reply[#reply + 1] = reporters
end

-- Rate limiters' leases. The clock is cut into fixed windows of `win` ms from the epoch, each with `limit` tokens for
-- the whole fleet; field g<window> holds the tokens granted of a window (only the window in force and the next one
-- are kept), i<instance> the last time an instance asked. A grant count that cannot be read is taken as the limit:
-- garbage can cost the rest of a window, never let more through.
local at = 5 + 13 * count
for l = 1, tonumber(ARGV[at]) do
  local a = at + (l - 1) * 6
  local limit, win = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  local wantedNow, wantedNext = tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  local ahead, presence = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6])
  local key = KEYS[3 * count + l]
  local window = math.floor(now / win)
  local left = (window + 1) * win - now
  local current, upcoming = 'g' .. string.format('%.0f', window), 'g' .. string.format('%.0f', window + 1)
  local me = 'i' .. instance
  typed(key, 'hash')
  if redis.call('HLEN', key) > 4096 then
    local kept = redis.call('HMGET', key, current, upcoming)
    redis.call('DEL', key)
    if kept[1] then redis.call('HSET', key, current, kept[1]) end
    if kept[2] then redis.call('HSET', key, upcoming, kept[2]) end
  end
  local fields = redis.call('HGETALL', key)
  local granted, instances, stale = {}, 1, {}
  for i = 1, #fields, 2 do
    local field, value = fields[i], fields[i + 1]
    if field == current or field == upcoming then
      granted[field] = int(value, 0, limit) or limit
    elseif string.sub(field, 1, 1) == 'i' and field ~= me then
      local seen = int(value, 0, MAX)
      if seen ~= nil and seen > now - presence and seen <= now then
        instances = instances + 1
      else
        stale[#stale + 1] = field
      end
    elseif field ~= me then
      stale[#stale + 1] = field
    end
  end
  for i = 1, #stale, 100 do
    redis.call('HDEL', key, unpack(stale, i, math.min(i + 99, #stale)))
  end
  local takeNow = math.max(0, math.min(wantedNow, limit - (granted[current] or 0)))
  local takeNext = 0
  if left <= ahead then
    takeNext = math.max(0, math.min(wantedNext, limit - (granted[upcoming] or 0)))
  end
  redis.call('HSET', key, me, now, current, (granted[current] or 0) + takeNow)
  if left <= ahead or granted[upcoming] then
    redis.call('HSET', key, upcoming, (granted[upcoming] or 0) + takeNext)
  end
  redis.call('PEXPIRE', key, math.max(2 * win, presence) + 60000)
  reply[#reply + 1] = window
  reply[#reply + 1] = takeNow
  reply[#reply + 1] = takeNext
  reply[#reply + 1] = left
  reply[#reply + 1] = instances
  reply[#reply + 1] = (granted[current] or 0) + takeNow
end

if announce then
  redis.call('PUBLISH', channel, instance)
end
return reply
