//! Resources with their methods declared once. Every path the server has is
//! registered through [`resource`], so each one answers a method it lacks with
//! `405 Method Not Allowed` and an `Allow` header (a JSON error under `/api/`),
//! `HEAD` wherever `GET` works, and `OPTIONS` with `204` and `Allow`.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, Handler, HttpRequest, HttpResponse, Responder};

/// One path and the methods it answers.
pub struct Resource {
    inner: actix_web::Resource,
    methods: Vec<Method>,
}

/// Starts a resource at `path` (relative to the enclosing scope).
pub fn resource(path: &str) -> Resource {
    Resource { inner: web::resource(path), methods: Vec::new() }
}

impl Resource {
    /// `GET`, and `HEAD` by the same handler (actix sends the headers without the body).
    pub fn get<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::GET, handler.clone()).method(Method::HEAD, handler)
    }

    pub fn post<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::POST, handler)
    }

    pub fn put<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::PUT, handler)
    }

    pub fn delete<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.method(Method::DELETE, handler)
    }

    fn method<F, Args>(mut self, method: Method, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.inner = self.inner.route(web::method(method.clone()).to(handler));
        self.methods.push(method);
        self
    }

    /// Data for this resource's handlers (e.g. a larger payload limit).
    pub fn app_data<U: 'static>(mut self, data: U) -> Self {
        self.inner = self.inner.app_data(data);
        self
    }
}

impl HttpServiceFactory for Resource {
    fn register(self, config: &mut AppService) {
        let mut methods = self.methods;
        methods.push(Method::OPTIONS);
        let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
        let for_options = allow.clone();
        self.inner
            .route(web::method(Method::OPTIONS).to(move || {
                let allow = for_options.clone();
                async move { HttpResponse::NoContent().insert_header((header::ALLOW, allow)).finish() }
            }))
            .default_service(web::to(move |req: HttpRequest| {
                let allow = allow.clone();
                async move { method_not_allowed(&req, allow) }
            }))
            .register(config)
    }
}

/// `405` with `Allow`: a JSON error where errors are JSON, plain text on pages.
fn method_not_allowed(req: &HttpRequest, allow: String) -> HttpResponse {
    let message = format!("{} is not allowed on {}; allowed: {allow}", req.method(), req.path());
    let mut resp = HttpResponse::MethodNotAllowed();
    resp.insert_header((header::ALLOW, allow));
    if super::error::answers_json(req.path()) {
        resp.json(serde_json::json!({"error": {"code": "method_not_allowed", "message": message}}))
    } else {
        resp.content_type("text/plain; charset=utf-8").body(message)
    }
}
