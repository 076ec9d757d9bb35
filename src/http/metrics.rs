//! Every request counted and timed by its route template (`/api/v1/concepts/{id}`,
//! never the raw path, so the number of series stays bounded) and status.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error};

use crate::app::App;

/// Methods kept as they are in the `method` label; anything else is `other`.
const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let app = req.app_data::<web::Data<App>>().cloned();
    let method = METHODS.into_iter().find(|m| *m == req.method().as_str()).unwrap_or("other");
    let started = Instant::now();
    let result = next.call(req).await;
    if let Some(app) = app {
        let (route, status) = match &result {
            Ok(res) => (res.request().match_pattern(), res.status().as_u16()),
            Err(e) => (None, e.as_response_error().status_code().as_u16()),
        };
        let route = route.unwrap_or_else(|| "unmatched".to_string());
        app.metrics().observe_request(&route, method, status, started.elapsed());
    }
    result
}
