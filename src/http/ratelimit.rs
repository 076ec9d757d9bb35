//! Rate limits on authentication: a client address that keeps presenting
//! bad tokens is slowed to a crawl (token guessing), and one user's token
//! cannot flood the writer (a leaked token or a runaway script).
//!
//! Token buckets in memory: a limit of `n` per minute allows a burst of `n`
//! and refills at `n/60` a second. Limits are per process; that is enough for
//! one server holding one SQLite writer.

use std::collections::HashMap;
use std::time::Instant;

use parking_lot::Mutex;

/// The limits the server enforces; `0` switches a limit off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimitConfig {
    /// Failed authentications (bad, revoked or expired token) per client address per minute.
    pub auth_failures_per_minute: u32,
    /// Authenticated requests per user per minute (API calls and staff pages alike).
    pub token_requests_per_minute: u32,
    /// Texts annotated or translations checked per client address per minute without a
    /// token (up to 2 MiB of text each: the work of many searches).
    pub anonymous_texts_per_minute: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig { auth_failures_per_minute: 10, token_requests_per_minute: 600, anonymous_texts_per_minute: 60 }
    }
}

/// The live limiters, shared by the API and the staff pages.
pub struct RateLimits {
    pub auth_failures: Limiter,
    pub token_use: Limiter,
    pub anonymous_texts: Limiter,
}

impl RateLimits {
    pub fn new(config: RateLimitConfig) -> Self {
        RateLimits {
            auth_failures: Limiter::new(config.auth_failures_per_minute),
            token_use: Limiter::new(config.token_requests_per_minute),
            anonymous_texts: Limiter::new(config.anonymous_texts_per_minute),
        }
    }
}

/// A set of token buckets keyed by a string (an address or a user name).
pub struct Limiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets kept before idle ones are swept, so a flood of addresses cannot grow memory without end.
const MAX_KEYS: usize = 100_000;

impl Limiter {
    pub fn new(per_minute: u32) -> Self {
        Limiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one unit for `key`; `Err(seconds)` to wait when the bucket is empty.
    pub fn take(&self, key: &str) -> Result<(), u64> {
        self.update(key, true)
    }

    /// Whether `key` may go on, without taking anything (checked before the work that would take).
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.update(key, false)
    }

    fn update(&self, key: &str, take: bool) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let rate = capacity / 60.0;
        let now = Instant::now();
        let mut buckets = self.buckets.lock();
        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < capacity);
        }
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket { tokens: capacity, at: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * rate).min(capacity);
        bucket.at = now;
        if bucket.tokens < 1.0 {
            return Err(((1.0 - bucket.tokens) / rate).ceil().max(1.0) as u64);
        }
        if take {
            bucket.tokens -= 1.0;
        }
        Ok(())
    }
}

/// A text sent by a caller without a token or a session (annotate, check-translation,
/// lookup, the check pages) counts against its address's limit: past it, a 429 saying
/// when to try again. Signed-in callers are under their token's limit already.
pub fn take_anonymous_text(req: &actix_web::HttpRequest) -> Result<(), crate::Error> {
    if let Some(limits) = req.app_data::<actix_web::web::Data<RateLimits>>() {
        let addr = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
        limits.anonymous_texts.take(&addr).map_err(|wait| crate::Error::TooManyRequests {
            message: format!("too many texts from this address without a token or signing in; try again in {wait} s"),
            retry_after: wait,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_per_key() {
        let l = Limiter::new(3);
        for _ in 0..3 {
            assert!(l.take("a").is_ok());
        }
        let wait = l.take("a").expect_err("fourth in the same minute");
        assert!((1..=20).contains(&wait), "wait {wait}");
        assert!(l.check("a").is_err());
        assert!(l.take("b").is_ok(), "other keys are not affected");
    }

    #[test]
    fn check_does_not_take() {
        let l = Limiter::new(1);
        for _ in 0..5 {
            assert!(l.check("a").is_ok());
        }
        assert!(l.take("a").is_ok());
        assert!(l.take("a").is_err());
    }

    #[test]
    fn zero_means_unlimited() {
        let l = Limiter::new(0);
        for _ in 0..1000 {
            assert!(l.take("a").is_ok());
        }
    }
}
