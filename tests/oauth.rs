//! OAuth applications against a stand-in for Plane's token endpoint on 127.0.0.1. Plane's
//! Community Edition has no OAuth applications, so the stand-in follows Plane's developer pages
//! ("Choose token flow", in `shared/plane/dev-tools/`) to the letter: `POST /auth/o/token/`,
//! form-encoded; the bot token is `grant_type=client_credentials` with `app_installation_id`
//! and the app's id and secret as HTTP Basic; the user token is `grant_type=authorization_code`
//! with `code`, `client_id`, `client_secret` and `redirect_uri` in the form, refreshed with
//! `grant_type=refresh_token`; answers carry `access_token`, `token_type: Bearer`, `expires_in`
//! and `scope` (and `refresh_token` for users). The pages do not show a refusal: the stand-in
//! answers as OAuth 2.0 (RFC 6749, section 5.2) says and the server's OAuth library does, 400
//! `{"error": "invalid_grant"}` for a bad code or refresh token and 401
//! `{"error": "invalid_client"}` for bad app credentials. A refresh token works once: each
//! refresh rotates it. The API route answers 401 to a token it did not issue, or that expired.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine;
use plane_client::{Client, Error, ErrorKind, Method, OAuthApp, TokenSet, Value};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers};

const CLIENT_ID: &str = "app-client-id";
const CLIENT_SECRET: &str = "app-client-secret-7f3a";
const INSTALLATION: &str = "8b1f1e2a-installation";
const REDIRECT: &str = "https://my-app.example/callback";
const ME: &str = "/api/v1/users/me/";

/// A token request as the stand-in received it.
#[derive(Debug, Clone)]
struct TokenRequest {
    form: BTreeMap<String, String>,
    /// The `Authorization` header, if any.
    authorization: Option<String>,
    content_type: Option<String>,
}

/// What the stand-in knows: the tokens it issued and what it was asked.
#[derive(Default)]
struct Tokens {
    /// Access tokens and when each expires.
    access: HashMap<String, Instant>,
    /// Refresh tokens not used yet.
    refresh: HashSet<String>,
    /// Authorization codes not used yet.
    codes: HashSet<String>,
    requests: Vec<TokenRequest>,
    /// The bearer token of each API request, in order, and whether it was accepted.
    calls: Vec<(String, bool)>,
    issued: u64,
    /// The `expires_in` of new tokens.
    expires_in: u64,
    /// Answer every API request 401, whatever the token.
    refuse_all: bool,
    /// Answer every token request 503, as a server that is down.
    outage: bool,
}

/// The stand-in: a token endpoint and an API route on 127.0.0.1.
struct StandIn {
    server: MockServer,
    tokens: Arc<Mutex<Tokens>>,
}

impl StandIn {
    /// A stand-in whose tokens live `expires_in` seconds and whose token endpoint answers after
    /// `delay`.
    async fn start(expires_in: u64, delay: Duration) -> StandIn {
        let server = MockServer::start().await;
        let tokens = Arc::new(Mutex::new(Tokens { expires_in, ..Tokens::default() }));
        Mock::given(matchers::method("POST"))
            .and(matchers::path("/auth/o/token/"))
            .respond_with(TokenEndpoint { tokens: tokens.clone(), delay })
            .mount(&server)
            .await;
        Mock::given(matchers::path(ME)).respond_with(Api(tokens.clone())).mount(&server).await;
        StandIn { server, tokens }
    }

    fn app(&self) -> OAuthApp {
        OAuthApp::new(CLIENT_ID, CLIENT_SECRET)
    }

    /// A client of the app's bot token, for this installation.
    fn bot(&self) -> Client {
        let source = self.app().client_credentials().param("app_installation_id", INSTALLATION);
        Client::builder().base_url(self.server.uri()).oauth(source).build().unwrap()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap()
    }

    fn token_requests(&self) -> Vec<TokenRequest> {
        self.lock().requests.clone()
    }

    fn calls(&self) -> Vec<(String, bool)> {
        self.lock().calls.clone()
    }

    /// Forgets every access token issued so far, as a server does when they expire or are revoked.
    fn revoke_access(&self) {
        self.lock().access.clear();
    }

    /// A code the consent screen would have sent to the redirect URI.
    fn code(&self) -> String {
        let code = format!("code-{}", fastrand::u64(..));
        self.lock().codes.insert(code.clone());
        code
    }
}

/// `POST /auth/o/token/`, as the developer pages describe it.
struct TokenEndpoint {
    tokens: Arc<Mutex<Tokens>>,
    delay: Duration,
}

fn refuse(status: u16, error: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "error": error }))
}

impl TokenEndpoint {
    /// The answer, after the endpoint's delay.
    fn answer(&self, request: &Request) -> ResponseTemplate {
        self.respond_now(request).set_delay(self.delay)
    }
}

impl Respond for TokenEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.answer(request)
    }
}

impl TokenEndpoint {
    fn respond_now(&self, request: &Request) -> ResponseTemplate {
        let form: BTreeMap<String, String> = url::form_urlencoded::parse(&request.body).into_owned().collect();
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut tokens = self.tokens.lock().unwrap();
        tokens.requests.push(TokenRequest {
            form: form.clone(),
            authorization: header("authorization"),
            content_type: header("content-type"),
        });
        if tokens.outage {
            return ResponseTemplate::new(503).set_body_string("upstream unavailable");
        }
        if header("content-type").as_deref() != Some("application/x-www-form-urlencoded") {
            return refuse(400, "invalid_request");
        }
        let field = |name: &str| form.get(name).map(String::as_str);
        let body_credentials = field("client_id") == Some(CLIENT_ID) && field("client_secret") == Some(CLIENT_SECRET);
        let mut user = false;
        match field("grant_type") {
            Some("client_credentials") => {
                let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
                if header("authorization") != Some(format!("Basic {basic}")) {
                    return refuse(401, "invalid_client");
                }
                if field("app_installation_id") != Some(INSTALLATION) {
                    return refuse(400, "invalid_grant");
                }
            }
            Some("authorization_code") => {
                if !body_credentials {
                    return refuse(401, "invalid_client");
                }
                let code = field("code").unwrap_or_default().to_string();
                if field("redirect_uri") != Some(REDIRECT) || !tokens.codes.remove(&code) {
                    return refuse(400, "invalid_grant");
                }
                user = true;
            }
            Some("refresh_token") => {
                if !body_credentials {
                    return refuse(401, "invalid_client");
                }
                let refresh = field("refresh_token").unwrap_or_default().to_string();
                if !tokens.refresh.remove(&refresh) {
                    return refuse(400, "invalid_grant");
                }
                user = true;
            }
            _ => return refuse(400, "unsupported_grant_type"),
        }
        tokens.issued += 1;
        let n = tokens.issued;
        let access = if user { format!("pln_{n:012}") } else { format!("pln_bot_{n:012}") };
        let expires_in = tokens.expires_in;
        tokens.access.insert(access.clone(), Instant::now() + Duration::from_secs(expires_in));
        let mut body = json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "scope": "projects:read projects:write",
        });
        if user {
            let refresh = format!("pln_refresh_{n:012}");
            tokens.refresh.insert(refresh.clone());
            body["refresh_token"] = json!(refresh);
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

/// The API: a valid, unexpired bearer token gets 200, anything else 401 as Plane's API answers
/// a request it cannot authenticate.
struct Api(Arc<Mutex<Tokens>>);

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut tokens = self.0.lock().unwrap();
        let bearer = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default()
            .to_string();
        let valid = !tokens.refuse_all && tokens.access.get(&bearer).is_some_and(|expiry| Instant::now() < *expiry);
        tokens.calls.push((bearer, valid));
        if valid {
            ResponseTemplate::new(200).set_body_json(json!({ "id": "me" }))
        } else {
            ResponseTemplate::new(401)
                .set_body_json(json!({ "detail": "Authentication credentials were not provided." }))
        }
    }
}

async fn me(client: &Client) -> Result<Value, Error> {
    client.request::<Value>(Method::GET, ME).await
}

#[tokio::test]
async fn a_bot_token_is_fetched_once_when_first_needed_and_sent_as_bearer() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let client = stand_in.bot();
    assert!(stand_in.token_requests().is_empty(), "building the client fetched a token");

    for _ in 0..3 {
        assert_eq!(me(&client).await.unwrap(), json!({ "id": "me" }));
    }

    let requests = stand_in.token_requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(request.authorization.as_deref(), Some(format!("Basic {basic}").as_str()));
    assert_eq!(request.content_type.as_deref(), Some("application/x-www-form-urlencoded"));
    let form: Vec<(&str, &str)> = request.form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(form, [("app_installation_id", INSTALLATION), ("grant_type", "client_credentials")]);
    let calls = stand_in.calls();
    assert_eq!(calls.len(), 3);
    assert!(calls.iter().all(|(token, valid)| token == "pln_bot_000000000001" && *valid), "{calls:?}");
}

#[tokio::test]
async fn scopes_are_asked_for_space_separated_and_authenticate_fetches_at_once() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let source = stand_in
        .app()
        .client_credentials()
        .param("app_installation_id", INSTALLATION)
        .scopes(["projects:read", "projects:write"]);
    let client = Client::builder().base_url(stand_in.server.uri()).oauth(source).build().unwrap();
    client.authenticate().await.unwrap();
    client.authenticate().await.unwrap();
    let requests = stand_in.token_requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].form.get("scope").map(String::as_str), Some("projects:read projects:write"));
    assert!(stand_in.calls().is_empty());
}

#[tokio::test]
async fn a_missing_installation_id_or_a_second_credential_is_refused_when_building() {
    let app = OAuthApp::new(CLIENT_ID, CLIENT_SECRET);
    let error = Client::builder().oauth(app.client_credentials()).build().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("`app_installation_id`"), "{error}");
    let both =
        Client::builder().api_key("key").oauth(app.client_credentials().param("app_installation_id", "x")).build();
    assert!(both.unwrap_err().to_string().contains("more than one credential"));
}

#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    // Two seconds of life: refreshed after one (half its life, as the 60 s margin is longer).
    let stand_in = StandIn::start(2, Duration::ZERO).await;
    let client = stand_in.bot();
    me(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    me(&client).await.unwrap();

    assert_eq!(stand_in.token_requests().len(), 2);
    let calls = stand_in.calls();
    let tokens: Vec<&str> = calls.iter().map(|(token, _)| token.as_str()).collect();
    assert_eq!(tokens, ["pln_bot_000000000001", "pln_bot_000000000002"]);
    assert!(calls.iter().all(|(_, valid)| *valid), "a call met an expired token: {calls:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_token_that_cannot_be_refreshed_early_is_used_until_it_expires() {
    // Three seconds of life, refreshed after one and a half; the token endpoint is slow, so that
    // the tasks below wait for its one answer.
    let stand_in = StandIn::start(3, Duration::from_millis(200)).await;
    let client = stand_in.bot();
    me(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    stand_in.lock().outage = true;
    // Eight tasks at once: one refresh fails, and every task goes on with the token it has.
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { me(&client).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    stand_in.lock().outage = false;
    me(&client).await.unwrap();

    assert_eq!(stand_in.token_requests().len(), 3, "a token, a refresh that failed, a refresh");
    let calls = stand_in.calls();
    let first = calls.iter().filter(|(token, valid)| token == "pln_bot_000000000001" && *valid).count();
    assert_eq!(first, 9, "{calls:?}");
    assert_eq!(calls.last(), Some(&("pln_bot_000000000002".to_string(), true)));
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_sends_again_once() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let client = stand_in.bot();
    me(&client).await.unwrap();
    stand_in.revoke_access();

    // A POST too: a request the server could not authenticate did nothing.
    let value = client.request::<Value>(Method::POST, ME).await.unwrap();
    assert_eq!(value, json!({ "id": "me" }));
    assert_eq!(stand_in.token_requests().len(), 2);
    let valid: Vec<bool> = stand_in.calls().iter().map(|(_, valid)| *valid).collect();
    assert_eq!(valid, [true, false, true]);

    // A server that refuses every token: one renewal, one more attempt, then the 401.
    stand_in.lock().refuse_all = true;
    let error = me(&client).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error}");
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert_eq!(error.api().unwrap().attempts, 2);
    assert_eq!(stand_in.token_requests().len(), 3);
    assert_eq!(stand_in.calls().len(), 5);
}

#[tokio::test]
async fn a_static_bearer_token_is_not_renewed_after_a_401() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let client = Client::builder().base_url(stand_in.server.uri()).bearer_token("pln_static").build().unwrap();
    assert_eq!(me(&client).await.unwrap_err().kind(), ErrorKind::Unauthorized);
    assert_eq!((stand_in.calls().len(), stand_in.token_requests().len()), (1, 0));
}

/// 16 tasks call at once with a token that is due (or that the server no longer takes): one
/// token request, and every call goes through with the new token.
async fn sixteen_at_once(due: bool) {
    let stand_in = StandIn::start(if due { 1 } else { 86400 }, Duration::from_millis(300)).await;
    let client = stand_in.bot();
    me(&client).await.unwrap();
    if due {
        tokio::time::sleep(Duration::from_millis(600)).await;
    } else {
        stand_in.revoke_access();
    }

    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { me(&client).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    assert_eq!(stand_in.token_requests().len(), 2, "the first token and one refresh");
    let calls = stand_in.calls();
    let new: Vec<_> = calls.iter().filter(|(token, valid)| token == "pln_bot_000000000002" && *valid).collect();
    assert_eq!(new.len(), 16, "{calls:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_tasks_with_an_expired_token_make_one_token_request() {
    sixteen_at_once(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_tasks_meeting_401_make_one_token_request() {
    sixteen_at_once(false).await;
}

#[tokio::test]
async fn the_consent_url_carries_the_client_redirect_scopes_and_a_random_state() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let app = stand_in.app().base_url(stand_in.server.uri());
    let first = app.authorization(REDIRECT, &["projects:read", "projects:write"]).unwrap();
    let second = app.authorization(REDIRECT, &[]).unwrap();
    assert_eq!(first.url.path(), "/auth/o/authorize-app/");
    let query: Vec<(String, String)> = first.url.query_pairs().into_owned().collect();
    let expected = [
        ("client_id", CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("state", first.state.as_str()),
        ("scope", "projects:read projects:write"),
    ];
    assert_eq!(query, expected.map(|(k, v)| (k.to_string(), v.to_string())));
    assert_eq!(first.state.len(), 32);
    assert_ne!(first.state, second.state);
    assert!(!second.url.as_str().contains("scope"), "{}", second.url);
}

#[tokio::test]
async fn user_tokens_come_from_the_code_and_rotate_their_refresh_token() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let app = stand_in.app().base_url(stand_in.server.uri());
    let code = stand_in.code();
    let tokens = app.exchange_code(&code, REDIRECT).await.unwrap();
    assert_eq!(tokens.access_token(), "pln_000000000001");
    assert_eq!(tokens.refresh_token(), Some("pln_refresh_000000000001"));
    assert_eq!(tokens.scope(), Some("projects:read projects:write"));
    let left = tokens.expires_at().unwrap().duration_since(SystemTime::now()).unwrap();
    assert!(left > Duration::from_secs(86000), "{left:?}");
    let exchange = &stand_in.token_requests()[0];
    assert_eq!(exchange.authorization, None, "the pages send the app's credentials in the form");
    let form: Vec<(&str, &str)> = exchange.form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let expected = [
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("code", code.as_str()),
        ("grant_type", "authorization_code"),
        ("redirect_uri", REDIRECT),
    ];
    assert_eq!(form, expected);
    // A code works once.
    let again = app.exchange_code(&code, REDIRECT).await.unwrap_err();
    assert!(
        matches!(&again, Error::Token(e) if e.error == "invalid_grant" && e.grant == "authorization_code"),
        "{again}"
    );

    let stored = Arc::new(Mutex::new(Vec::<TokenSet>::new()));
    let store = stored.clone();
    let source = stand_in.app().user_tokens(tokens).on_token(move |tokens| store.lock().unwrap().push(tokens.clone()));
    let client = Client::builder().base_url(stand_in.server.uri()).oauth(source).build().unwrap();
    me(&client).await.unwrap();
    for round in 2..=3 {
        stand_in.revoke_access();
        me(&client).await.unwrap();
        let refresh = &stand_in.token_requests()[round];
        assert_eq!(refresh.authorization, None);
        let form: Vec<(&str, &str)> = refresh.form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        // Each refresh sends the refresh token the one before brought: the old one is spent.
        let previous = format!("pln_refresh_{:012}", round - 1);
        let expected = [
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("grant_type", "refresh_token"),
            ("refresh_token", previous.as_str()),
        ];
        assert_eq!(form, expected);
    }
    let stored = stored.lock().unwrap();
    let refreshes: Vec<Option<&str>> = stored.iter().map(TokenSet::refresh_token).collect();
    assert_eq!(refreshes, [Some("pln_refresh_000000000002"), Some("pln_refresh_000000000003")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_refresh_is_a_typed_error_shared_by_the_tasks_that_waited_for_it() {
    let stand_in = StandIn::start(86400, Duration::from_millis(200)).await;
    // Stored tokens whose access token has expired and whose refresh token the server no
    // longer knows (revoked, or already rotated by another process).
    let tokens = TokenSet::new("pln_expired")
        .with_refresh_token("pln_refresh_revoked")
        .with_expires_at(SystemTime::now() - Duration::from_secs(5));
    let source = stand_in.app().user_tokens(tokens);
    let client = Client::builder().base_url(stand_in.server.uri()).oauth(source).build().unwrap();

    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { me(&client).await })
        })
        .collect();
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TokenRefused);
        let Error::Token(refusal) = &error else { panic!("{error:?}") };
        assert_eq!(
            (refusal.grant, refusal.error.as_str(), refusal.status.as_u16()),
            ("refresh_token", "invalid_grant", 400)
        );
        assert_eq!(
            error.to_string(),
            "POST /auth/o/token/: the refresh_token grant was refused (400 Bad Request): invalid_grant"
        );
    }
    assert_eq!(stand_in.token_requests().len(), 1, "the tasks that waited shared the refusal");
    assert!(stand_in.calls().is_empty(), "nothing was sent without a token");
}

#[tokio::test]
async fn wrong_app_credentials_are_invalid_client() {
    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let source =
        OAuthApp::new(CLIENT_ID, "wrong-secret").client_credentials().param("app_installation_id", INSTALLATION);
    let client = Client::builder().base_url(stand_in.server.uri()).oauth(source).build().unwrap();
    let error = me(&client).await.unwrap_err();
    assert!(matches!(&error, Error::Token(e) if e.error == "invalid_client" && e.status.as_u16() == 401), "{error}");
    assert!(stand_in.calls().is_empty());
}

/// A server that repeats a secret in its refusal, or answers with something else than tokens.
#[tokio::test]
async fn secrets_never_show_in_debug_errors_or_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let stand_in = StandIn::start(86400, Duration::ZERO).await;
    let client = stand_in.bot();
    me(&client).await.unwrap();
    stand_in.lock().refuse_all = true;
    let unauthorized = me(&client).await.unwrap_err();
    let app = stand_in.app().base_url(stand_in.server.uri());
    let code = stand_in.code();
    let tokens = app.exchange_code(&code, REDIRECT).await.unwrap();
    let user =
        Client::builder().base_url(stand_in.server.uri()).oauth(app.user_tokens(tokens.clone())).build().unwrap();
    let builder = Client::builder().oauth(app.user_tokens(tokens.clone()));

    // A server that echoes what it was sent.
    let echo = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": format!("refresh token {} is not {}", tokens.refresh_token().unwrap(), CLIENT_SECRET),
        })))
        .mount(&echo)
        .await;
    // The app without a server of its own: its token endpoint is the client's.
    let source =
        stand_in.app().user_tokens(tokens.clone().with_expires_at(SystemTime::now())).refresh_margin(Duration::ZERO);
    let echoing = Client::builder().base_url(echo.uri()).oauth(source).build().unwrap();
    let echoed = me(&echoing).await.unwrap_err();
    assert_eq!(
        echoed.to_string(),
        "POST /auth/o/token/: the refresh_token grant was refused (400 Bad Request): invalid_grant: refresh token [redacted] is not [redacted]"
    );

    let shown = format!(
        "{client:?} {user:?} {builder:?} {app:?} {tokens:?} {unauthorized:?} {unauthorized} {echoed:?} {echoed} {:?}",
        app.client_credentials().param("app_installation_id", INSTALLATION)
    );
    let traces = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(traces.contains("token response"), "{traces}");
    let (access, refresh) = (tokens.access_token(), tokens.refresh_token().unwrap());
    for secret in [CLIENT_SECRET, "pln_bot_000000000001", "pln_bot_000000000002", access, refresh, &code] {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
        assert!(!traces.contains(secret), "{secret} shows in the traces:\n{traces}");
    }
}

/// A token response that is not one fails to decode without quoting the body.
#[tokio::test]
async fn a_malformed_token_response_is_a_decode_error_that_keeps_no_token() {
    let server = MockServer::start().await;
    Mock::given(matchers::method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"access_token": "pln_leak", "token_type": "mac"})),
        )
        .mount(&server)
        .await;
    let source =
        OAuthApp::new(CLIENT_ID, CLIENT_SECRET).client_credentials().param("app_installation_id", INSTALLATION);
    let client = Client::builder().base_url(server.uri()).oauth(source).build().unwrap();
    let error = client.authenticate().await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("{error:?}") };
    assert_eq!(decode.json_path, "token_type");
    assert!(!format!("{error} {error:?}").contains("pln_leak"), "{error:?}");
}

/// Collects what a tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
