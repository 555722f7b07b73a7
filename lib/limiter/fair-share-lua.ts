// The Redis side of ./fair-share.ts: the same decision, taken atomically in one script so
// any number of instances share one budget. Per layer: a sorted set of takes (score: ms,
// member: "<id>|<user>", the id starting with "~" for background work), a sorted set of
// waiting callers (score: until, member: "<priority>|<user>") and one of active callers
// (score: last ask, same members). The clock is Redis's own (TIME), the same for every instance,
// unless the caller passes a time (a test's clock, lib/clock.ts): then that one.
import "server-only";

/**
 * KEYS: per layer, its log, waiting and active sets. ARGV: user, priority, id, layer count,
 * window, grace, yield retry, active span, pace burst, pace look-back (slots), owed-after share, then per layer
 * limit, reserve, idle reserve and floor, then the time in ms ("" for Redis's TIME). Returns {1, member} or {0, layer index, retry ms, yielded}.
 */
export const FAIR_TAKE_LUA = `
local user, prio, id = ARGV[1], ARGV[2], ARGV[3]
local n = tonumber(ARGV[4])
local now = tonumber(ARGV[12 + 4 * n] or '')
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local windowMs, graceMs, yieldMs = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local activeMs, burst, lookback = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local owedAfter = tonumber(ARGV[11])
local bg = prio == 'background'
local me = prio .. '|' .. user
local member = (bg and '~' or '') .. id .. '|' .. user
local refused = nil
-- When background user u may take again under its own pacing (nil: took nothing lately):
-- at most lookback calls in as many intervals, at most burst intervals ahead of its schedule.
local function paceAt(entries, u, interval)
  local nextAt = nil
  local j = 0
  for k = #entries - 1, 1, -2 do
    local at = tonumber(entries[k + 1])
    if at <= now - lookback * interval or j >= lookback then break end
    local m = entries[k]
    if string.sub(m, 1, 1) == '~' and string.sub(m, string.find(m, '|', 1, true) + 1) == u then
      j = j + 1
      nextAt = math.max(nextAt or -math.huge, at + (j - burst) * interval)
      if j == lookback then nextAt = math.max(nextAt, at + j * interval) end
    end
  end
  return nextAt
end
for i = 1, n do
  local log, wait, act = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local b = 11 + 4 * (i - 1)
  local full, reserve, idle = tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
  local floor = tonumber(ARGV[b + 4])
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - windowMs)
  redis.call('ZREMRANGEBYSCORE', wait, '-inf', now)
  redis.call('ZREMRANGEBYSCORE', act, '-inf', now - activeMs)
  -- One pass over the minute: takes per user, background takes, whether people took any.
  local entries = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
  local count = #entries / 2
  local used, bgUsed, lastBg = {}, 0, nil
  for j = 1, #entries, 2 do
    local m = entries[j]
    local u = string.sub(m, string.find(m, '|', 1, true) + 1)
    used[u] = (used[u] or 0) + 1
    if string.sub(m, 1, 1) == '~' then
      bgUsed = bgUsed + 1
      lastBg = tonumber(entries[j + 1])
    end
  end
  local people = count > bgUsed
  local others = 0
  for _, a in ipairs(redis.call('ZRANGE', act, 0, -1)) do
    local bar = string.find(a, '|', 1, true)
    local ap = string.sub(a, 1, bar - 1)
    if ap == 'interactive' then people = true end
    if ap == prio and string.sub(a, bar + 1) ~= user then others = others + 1 end
  end
  -- Background work is owed a call while people wait and it had none for owedAfter/floor of a minute.
  local waiters = redis.call('ZRANGE', wait, 0, -1)
  local peopleWaiting = false
  for _, w in ipairs(waiters) do
    if string.sub(w, 1, 12) == 'interactive|' then peopleWaiting = true end
  end
  local owedAt = lastBg and (lastBg + owedAfter * windowMs / floor) or nil
  local starved = peopleWaiting and (owedAt == nil or now >= owedAt)
  local limit = full
  if bg and not starved then
    if people then limit = math.max(1, full - reserve) else limit = math.max(1, full - idle) end
  end
  local free = limit - count
  if free <= 0 then
    local at = tonumber(entries[2 * (count - limit) + 2])
    local retry = at + windowMs - now
    -- Background work looks again when it is owed a call (the reserve is then open to it).
    if bg and not starved and owedAt and owedAt > now then retry = math.min(retry, math.ceil(owedAt - now)) end
    if retry < 1 then retry = 1 end
    refused = { 0, i - 1, retry, 0 }
    break
  end
  local mine = used[user] or 0
  -- Over their equal share of the layer (limit / active callers of this priority) while others ask.
  local contended = others > 0 and mine * (others + 1) >= full
  local ahead = 0
  local seen = {}
  for _, w in ipairs(waiters) do
    local bar = string.find(w, '|', 1, true)
    local wp, wu = string.sub(w, 1, bar - 1), string.sub(w, bar + 1)
    if wu ~= user and not seen[w] then
      seen[w] = true
      if wp == 'interactive' and bg then
        -- People come first, except while background work is below its guaranteed minimum...
        if not starved then ahead = ahead + 1 end
      elseif wp == 'background' and not bg then
        -- ...and then it goes first, as soon as its own pacing lets it.
        local at = starved and paceAt(entries, wu, windowMs / full)
        if starved and (at == nil or at <= now) then ahead = ahead + 1 end
      elseif (used[wu] or 0) < mine then ahead = ahead + 1 end
    end
  end
  local nextAt = nil
  if bg then
    -- Its own schedule: each take books the slot an interval after itself or the last booking.
    nextAt = paceAt(entries, user, windowMs / full)
  elseif not bg and contended and count > 0 then
    nextAt = tonumber(entries[#entries]) + windowMs / full
  end
  if nextAt then
    if now < nextAt then
      refused = { 0, i - 1, math.max(math.ceil(nextAt - now), 1), 0 }
      break
    end
    free = 1
  end
  if free <= ahead then
    refused = { 0, i - 1, yieldMs, 1 }
    break
  end
end
for i = 1, n do
  local log, wait, act = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  redis.call('ZADD', act, now, me)
  redis.call('PEXPIRE', act, activeMs + 1000)
  if refused then
    redis.call('ZADD', wait, now + refused[3] + graceMs, me)
    redis.call('PEXPIRE', wait, windowMs)
  else
    redis.call('ZREM', wait, me)
    redis.call('ZADD', log, now, member)
    redis.call('PEXPIRE', log, windowMs + 1000)
  end
end
if refused then return refused end
return { 1, member }
`;

/** Gives back a take: its member leaves every layer's log. */
export const FAIR_REFUND_LUA = `
for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

/**
 * A call has finished (answer, error or timeout): its take moves to now in every layer's log, so
 * it leaves the window a minute after the exchange can have counted it, not a minute after it was
 * taken. KEYS: the logs. ARGV: the member, the window, the time in ms ("" for Redis's TIME).
 */
export const FAIR_SETTLE_LUA = `
local now = tonumber(ARGV[3] or '')
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
for i = 1, #KEYS do
  local at = redis.call('ZSCORE', KEYS[i], ARGV[1])
  if at and tonumber(at) < now then
    redis.call('ZADD', KEYS[i], now, ARGV[1])
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2]) + 1000)
  end
end
return 1
`;
