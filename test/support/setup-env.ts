// Tests reason in UTC like production servers; local time is always computed for Europe/London.
process.env.TZ = 'UTC';
