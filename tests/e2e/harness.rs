//! The end-to-end harness: a static file server for the built site (served
//! under `/plans/`, so only relative paths work), chromedriver as a child
//! process that is killed even when a test panics, browsers with fresh
//! profiles, and helpers that find controls by their accessible names and
//! wait for outcomes with a timeout that says what it was waiting for.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long a wait lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);
/// The first render includes fetching and compiling the wasm.
pub const FIRST_LOAD_WAIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

/// The sub-path the site is served under.
pub const PREFIX: &str = "/plans/";

// ---------------------------------------------------------------------------
// Temporary directories
// ---------------------------------------------------------------------------

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(what: &str) -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("ipw-e2e-{what}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create a temporary directory");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------
// Static file server
// ---------------------------------------------------------------------------

pub fn dist_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dist")
}

/// One request the server answered: the path asked for and the status.
#[derive(Clone, Debug)]
pub struct Served {
    pub path: String,
    pub status: u16,
}

/// Serves `dist/` at `http://127.0.0.1:<port>/plans/`, GET only. A test
/// can stop it (the port then refuses connections) and start it again on
/// the same address serving another directory (a later deployment).
pub struct StaticServer {
    pub origin: String,
    addr: std::net::SocketAddr,
    log: Arc<Mutex<Vec<Served>>>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// Listens on `addr` (port 0: any free port), allowing the port of a
/// server just stopped to be taken again at once.
fn listen(addr: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(128)
}

fn accept_loop(
    listener: TcpListener,
    dir: PathBuf,
    log: Arc<Mutex<Vec<Served>>>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let dir = dir.clone();
            let log = log.clone();
            tokio::spawn(async move {
                let _ = serve_one(socket, &dir, &log).await;
            });
        }
    })
}

impl StaticServer {
    pub async fn start() -> Self {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "dist/ is missing: run `make test` (it builds the app first)"
        );
        let listener = listen(([127, 0, 0, 1], 0).into()).expect("bind the static file server");
        let addr = listener.local_addr().expect("server address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let task = accept_loop(listener, dist, log.clone());
        StaticServer {
            origin: format!("http://{addr}"),
            addr,
            log,
            task: Mutex::new(Some(task)),
        }
    }

    /// The app's address: the sub-path, with its trailing slash.
    pub fn app_url(&self) -> String {
        format!("{}{PREFIX}", self.origin)
    }

    pub fn requests(&self) -> Vec<Served> {
        self.log.lock().unwrap().clone()
    }

    /// Stops answering: the accepting task ends and its listener is closed,
    /// so a connection to the port is refused (as when a host is
    /// unreachable). Requests already being answered finish.
    pub async fn stop(&self) {
        let task = self.task.lock().unwrap().take();
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
    }

    /// Serves `dir` instead, on the same address (stopping first if need be).
    pub async fn serve(&self, dir: &Path) {
        assert!(
            dir.join("index.html").is_file(),
            "{} has no index.html",
            dir.display()
        );
        self.stop().await;
        let listener =
            listen(self.addr).unwrap_or_else(|e| panic!("bind {} again: {e}", self.addr));
        let task = accept_loop(listener, dir.to_path_buf(), self.log.clone());
        *self.task.lock().unwrap() = Some(task);
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.lock().unwrap().take() {
            task.abort();
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "application/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `dist`, or `None` (404).
fn file_for(dist: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix(PREFIX)?;
    let mut file = dist.to_path_buf();
    for segment in rest.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        if segment == ".." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if rest.is_empty() || rest.ends_with('/') {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

async fn serve_one(
    mut socket: TcpStream,
    dist: &Path,
    log: &Mutex<Vec<Served>>,
) -> std::io::Result<()> {
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 65536 {
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&request);
    let mut first = head.lines().next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_owned();
    let path = first.next().unwrap_or("").to_owned();

    let (status, reason, ctype, body) = if method != "GET" {
        (
            405,
            "Method Not Allowed",
            "text/plain",
            b"GET only".to_vec(),
        )
    } else {
        match file_for(dist, &path) {
            Some(file) => match std::fs::read(&file) {
                Ok(bytes) => (200, "OK", content_type(&file), bytes),
                Err(_) => (404, "Not Found", "text/plain", b"not found".to_vec()),
            },
            None => (404, "Not Found", "text/plain", b"not found".to_vec()),
        }
    };
    log.lock().unwrap().push(Served {
        path: path.clone(),
        status,
    });
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    socket.write_all(header.as_bytes()).await?;
    socket.write_all(&body).await?;
    socket.flush().await?;
    let _ = socket.shutdown().await;
    Ok(())
}

// ---------------------------------------------------------------------------
// WebDriver servers: chromedriver, geckodriver
// ---------------------------------------------------------------------------

/// A WebDriver server (chromedriver or geckodriver), started in its own
/// process group so that it and the browsers it starts are all killed on
/// drop (also when a test panics).
pub struct DriverProcess {
    child: std::process::Child,
    pub url: String,
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("find a free port");
    l.local_addr().expect("port").port()
}

/// A program named by an environment variable that .tools/env.sh (written
/// by scripts/setup.sh --test) sets.
pub fn tool_path(var: &str) -> String {
    std::env::var(var)
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| {
            panic!("${var} is not set: run `scripts/setup.sh --test` and `. .tools/env.sh`")
        })
}

impl DriverProcess {
    /// chromedriver from Debian's chromium-driver.
    pub async fn chromedriver() -> Self {
        Self::spawn("/usr/bin/chromedriver", &[], None).await
    }

    /// geckodriver, installed by scripts/setup.sh --test at
    /// `$GECKODRIVER_PATH`. Its temporary Firefox profiles go under
    /// `profile_root`, and what it and Firefox print goes to `log`.
    pub async fn geckodriver(profile_root: &Path, log: &Path) -> Self {
        let program = tool_path("GECKODRIVER_PATH");
        let log = std::fs::File::create(log).expect("create the geckodriver log");
        Self::spawn(
            &program,
            &[
                "--host=127.0.0.1".to_owned(),
                format!("--profile-root={}", profile_root.display()),
            ],
            Some(log),
        )
        .await
    }

    /// Starts `program --port=N ARGS` on a free port; its output goes to
    /// `log` (both streams), or nowhere.
    async fn spawn(program: &str, args: &[String], log: Option<std::fs::File>) -> Self {
        use std::os::unix::process::CommandExt;
        use std::process::Stdio;
        let port = free_port();
        let (stdout, stderr) = match log {
            Some(f) => (
                Stdio::from(f.try_clone().expect("share the log file")),
                Stdio::from(f),
            ),
            None => (Stdio::null(), Stdio::null()),
        };
        let child = std::process::Command::new(program)
            .arg(format!("--port={port}"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("start {program}: {e}"));
        let driver = DriverProcess {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{program} did not accept connections on port {port} within 15 s"
            );
            tokio::time::sleep(POLL).await;
        }
        driver
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        // The group id is the driver's pid, which stays reserved until we
        // reap it below, so this reaches only processes we started.
        let pgid = self.child.id();
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stderr(std::process::Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------
// One test's world: server, chromedriver, browsers
// ---------------------------------------------------------------------------

/// A browser with a fresh profile (empty localStorage) and its own download
/// directory.
pub struct Browser {
    pub client: Client,
    downloads: PathBuf,
}

impl Browser {
    pub fn download_dir(&self) -> &Path {
        &self.downloads
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Everything one test needs. Fields drop in order: the server stops, then
/// chromedriver and any browser still running are killed, and only then are
/// the browsers' profile and download directories removed.
pub struct World {
    pub server: StaticServer,
    pub driver: DriverProcess,
    dirs: Mutex<Vec<TempDir>>,
}

impl World {
    pub async fn start() -> Self {
        let server = StaticServer::start().await;
        let driver = DriverProcess::chromedriver().await;
        World {
            server,
            driver,
            dirs: Mutex::new(Vec::new()),
        }
    }

    pub fn app_url(&self) -> String {
        self.server.app_url()
    }

    /// A new browser with a fresh profile and download directory.
    pub async fn browser(&self) -> Browser {
        self.browser_with_prefs(json!({})).await
    }

    /// A new browser whose profile has these preferences as well.
    pub async fn browser_with_prefs(&self, extra_prefs: Value) -> Browser {
        let profile = TempDir::new("profile");
        let downloads = TempDir::new("downloads");
        let mut caps = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.path().display()),
                    "--window-size=1400,1000",
                ],
            }
        });
        let mut prefs = json!({
            "download.default_directory": downloads.path().display().to_string(),
            "download.prompt_for_download": false,
        });
        if let (Some(p), Value::Object(extra)) = (prefs.as_object_mut(), extra_prefs) {
            p.extend(extra);
        }
        caps["goog:chromeOptions"]["prefs"] = prefs;
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&self.driver.url)
            .await
            .expect("start a chromium session through chromedriver");
        let download_path = downloads.path().to_path_buf();
        self.dirs.lock().unwrap().extend([profile, downloads]);
        Browser {
            client,
            downloads: download_path,
        }
    }

    /// A browser already showing the app.
    pub async fn browser_on_app(&self) -> Browser {
        let b = self.browser().await;
        goto_app(&b, &self.app_url()).await;
        b
    }
}

/// Headless Firefox (Debian's firefox-esr, at `$FIREFOX_PATH`) through its
/// own geckodriver, with a fresh profile. Fields drop in order: geckodriver
/// and Firefox are killed, then the profiles and the log are removed. A
/// failing test prints the log, where Firefox also writes the page's
/// console messages.
pub struct Firefox {
    pub client: Client,
    driver: DriverProcess,
    dir: TempDir,
}

impl Firefox {
    pub async fn start() -> Self {
        let dir = TempDir::new("firefox");
        let driver =
            DriverProcess::geckodriver(dir.path(), &dir.path().join("geckodriver.log")).await;
        let caps = json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": tool_path("FIREFOX_PATH"),
                "args": ["-headless"],
                "prefs": { "devtools.console.stdout.content": true },
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let connected = ClientBuilder::native()
            .capabilities(caps)
            .connect(&driver.url)
            .await;
        let ff = match connected {
            Ok(client) => Firefox {
                client,
                driver,
                dir,
            },
            Err(e) => {
                let log =
                    std::fs::read_to_string(dir.path().join("geckodriver.log")).unwrap_or_default();
                panic!("start a Firefox session through geckodriver: {e:?}\n{log}");
            }
        };
        ff.client
            .set_window_size(1400, 1000)
            .await
            .expect("size the Firefox window");
        ff
    }

    /// What geckodriver and Firefox printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("geckodriver.log")).unwrap_or_default()
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Firefox {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "--- geckodriver and Firefox said (driver at {}):\n{}",
                self.driver.url,
                self.log()
            );
        }
    }
}

impl std::ops::Deref for Firefox {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

// ---------------------------------------------------------------------------
// Waiting
// ---------------------------------------------------------------------------

/// Turns any error into the text a failure message shows.
pub fn dbg<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Polls `probe` every 100 ms until it returns `Ok`, for up to `timeout`.
/// `Err` carries what was seen instead, for the failure message.
pub async fn eventually_for<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        match probe().await {
            Ok(v) => return v,
            Err(seen) => {
                if Instant::now() >= deadline {
                    panic!("timed out after {timeout:?} waiting for {what}; last seen: {seen}");
                }
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

pub async fn eventually<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    eventually_for(what, WAIT, probe).await
}

// ---------------------------------------------------------------------------
// Finding things by accessible name
// ---------------------------------------------------------------------------

/// An XPath string literal for any text (quotes included).
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

pub fn button_xpath(name: &str) -> String {
    let n = xpath_literal(name);
    format!("//button[normalize-space(.)={n} or @aria-label={n}]")
}

/// Form fields named by aria-label, by a wrapping `<label>` (its own text or
/// its `<span>`), or by a `<label for>`.
pub fn field_xpath(name: &str) -> String {
    let n = xpath_literal(name);
    let fields = "self::input or self::textarea or self::select";
    format!(
        "//*[({fields}) and @aria-label={n}]\
         | //label[normalize-space(text())={n} or span[normalize-space(.)={n}]]//*[{fields}]\
         | //*[({fields}) and @id=//label[normalize-space(.)={n}]/@for]"
    )
}

async fn find_displayed(c: &Client, xpath: &str) -> Result<Element, String> {
    let found = c.find_all(Locator::XPath(xpath)).await.map_err(dbg)?;
    let mut shown = Vec::new();
    for e in found {
        if e.is_displayed().await.unwrap_or(false) {
            shown.push(e);
        }
    }
    match shown.len() {
        1 => Ok(shown.pop().unwrap()),
        0 => Err("no displayed match".into()),
        n => Err(format!("{n} displayed matches, expected one")),
    }
}

/// Waits for exactly one displayed button with this name.
pub async fn button(c: &Client, name: &str) -> Element {
    let xpath = button_xpath(name);
    eventually(&format!("a button named “{name}”"), || {
        find_displayed(c, &xpath)
    })
    .await
}

pub async fn click_button(c: &Client, name: &str) {
    let b = button(c, name).await;
    b.click()
        .await
        .unwrap_or_else(|e| panic!("clicking the button “{name}” failed: {e:?}"));
}

/// Waits for exactly one displayed form field with this name.
pub async fn field(c: &Client, name: &str) -> Element {
    let xpath = field_xpath(name);
    eventually(&format!("a form field named “{name}”"), || {
        find_displayed(c, &xpath)
    })
    .await
}

// ---------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------

/// Opens the app and waits until it has rendered (its top bar is there).
pub async fn goto_app(c: &Client, url: &str) {
    c.goto(url)
        .await
        .unwrap_or_else(|e| panic!("could not open {url}: {e:?}"));
    wait_rendered(c).await;
}

/// Waits until the wasm app has drawn its top bar.
pub async fn wait_rendered(c: &Client) {
    eventually_for(
        "the app to render its top bar (button “Plan library”)",
        FIRST_LOAD_WAIT,
        || async {
            find_displayed(c, &button_xpath("Plan library"))
                .await
                .map(|_| ())
        },
    )
    .await;
}

pub async fn reload(c: &Client) {
    c.refresh().await.expect("reload the page");
    wait_rendered(c).await;
}

pub async fn text_of(c: &Client, css: &str) -> Result<String, String> {
    let e = c.find(Locator::Css(css)).await.map_err(dbg)?;
    e.text().await.map_err(dbg)
}

/// Waits until the `h2.plan-title` shows `title`.
pub async fn wait_plan_title(c: &Client, title: &str) {
    eventually(
        &format!("the plan title “{title}” in h2.plan-title"),
        || async {
            let t = text_of(c, "h2.plan-title").await?;
            if t.trim() == title {
                Ok(())
            } else {
                Err(format!("title “{t}”"))
            }
        },
    )
    .await
}

/// Creates a plan from the library screen and waits for its outline.
pub async fn create_plan(c: &Client, title: &str) {
    let input = field(c, "Title of a new plan").await;
    input.send_keys(title).await.expect("type the plan title");
    click_button(c, "Create plan").await;
    wait_plan_title(c, title).await;
    button(c, "Add a priority").await;
}

/// Runs a script and returns its result.
pub async fn js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e:?}\n{script}"))
}

/// The values of every textarea on the page, in document order.
pub async fn textarea_values(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('textarea')).map(t => t.value);",
        vec![],
    )
    .await;
    serde_json::from_value(v).expect("textarea values")
}

/// Waits until exactly `n` textareas hold `value`.
pub async fn wait_textarea_count(c: &Client, value: &str, n: usize) {
    eventually(&format!("{n} textarea(s) holding “{value}”"), || async {
        let values = textarea_values(c).await;
        let got = values.iter().filter(|v| v.as_str() == value).count();
        if got == n {
            Ok(())
        } else {
            Err(format!("{got} such textareas; all values: {values:?}"))
        }
    })
    .await
}

/// What has the keyboard focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    pub tag: String,
    pub kind: String,
    /// aria-label, else the wrapping label's text, else the element's text.
    pub name: String,
    pub value: String,
    pub checked: bool,
}

pub async fn focus(c: &Client) -> Focus {
    let v = js(
        c,
        r#"const e = document.activeElement;
           if (!e) return {tag: '', kind: '', name: '', value: '', checked: false};
           const squash = s => (s || '').replace(/\s+/g, ' ').trim();
           const label = (e.labels && e.labels.length) ? e.labels[0] : e.closest('label');
           const name = e.getAttribute('aria-label')
               || (label ? squash(label.textContent) : squash(e.textContent));
           return {tag: e.tagName.toLowerCase(), kind: e.type || '', name: name,
                   value: typeof e.value === 'string' ? e.value : '', checked: !!e.checked};"#,
        vec![],
    )
    .await;
    Focus {
        tag: v["tag"].as_str().unwrap_or("").into(),
        kind: v["kind"].as_str().unwrap_or("").into(),
        name: v["name"].as_str().unwrap_or("").into(),
        value: v["value"].as_str().unwrap_or("").into(),
        checked: v["checked"].as_bool().unwrap_or(false),
    }
}

/// Waits until an empty textarea named `label` (a newly added item) has the
/// focus.
pub async fn wait_new_item_focused(c: &Client, label: &str) {
    eventually(
        &format!("a new, empty “{label}” textarea to take the focus"),
        || async {
            let f = focus(c).await;
            if f.tag == "textarea" && f.name == label && f.value.is_empty() {
                Ok(())
            } else {
                Err(format!("{f:?}"))
            }
        },
    )
    .await
}

/// Types into whatever has the focus (WebDriver "send keys" to the active
/// element, which does not move the focus).
pub async fn type_into_focused(c: &Client, text: &str) {
    let e = c.active_element().await.expect("the focused element");
    e.send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing “{text}” failed: {e:?}"));
}

/// Clicks an add button, waits for the new item's textarea to take the
/// focus, types `text` and waits until the row shows it.
pub async fn add_item(c: &Client, add_button: &str, field_label: &str, text: &str) {
    let before = textarea_values(c)
        .await
        .iter()
        .filter(|v| *v == text)
        .count();
    click_button(c, add_button).await;
    wait_new_item_focused(c, field_label).await;
    type_into_focused(c, text).await;
    wait_textarea_count(c, text, before + 1).await;
}

// ---------------------------------------------------------------------------
// Keyboard
// ---------------------------------------------------------------------------

/// Presses keys in order (each down then up) at whatever has the focus,
/// through the WebDriver actions API: no element is targeted.
pub async fn press_keys(c: &Client, keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".to_string());
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    c.perform_actions(seq).await.expect("press keys");
}

pub async fn press(c: &Client, key: Key) {
    press_keys(c, &[key.into()]).await;
}

pub async fn press_shift_tab(c: &Client) {
    let shift: char = Key::Shift.into();
    let tab: char = Key::Tab.into();
    let seq = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    c.perform_actions(seq).await.expect("press Shift+Tab");
}

/// Presses a key with Shift held (Shift+arrows pan the diagram).
pub async fn press_shifted(c: &Client, key: Key) {
    let shift: char = Key::Shift.into();
    let k: char = key.into();
    let seq = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: k })
        .then(KeyAction::Up { value: k })
        .then(KeyAction::Up { value: shift });
    c.perform_actions(seq)
        .await
        .expect("press a key with Shift");
}

/// Presses Ctrl (and Shift) with a key: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y.
pub async fn press_ctrl(c: &Client, shift: bool, key: char) {
    let ctrl: char = Key::Control.into();
    let shift_key: char = Key::Shift.into();
    let mut seq = KeyActions::new("keyboard".into()).then(KeyAction::Down { value: ctrl });
    if shift {
        seq = seq.then(KeyAction::Down { value: shift_key });
    }
    seq = seq
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    if shift {
        seq = seq.then(KeyAction::Up { value: shift_key });
    }
    seq = seq.then(KeyAction::Up { value: ctrl });
    c.perform_actions(seq).await.expect("press a Ctrl shortcut");
}

/// Types text key by key at whatever has the focus.
pub async fn type_keys(c: &Client, text: &str) {
    let keys: Vec<char> = text.chars().collect();
    press_keys(c, &keys).await;
}

/// Presses Tab (or Shift+Tab) until the focused element matches, at most
/// `max` times; fails listing what got the focus on the way.
pub async fn tab_until(
    c: &Client,
    what: &str,
    backwards: bool,
    max: usize,
    matches: impl Fn(&Focus) -> bool,
) -> Focus {
    let mut seen = Vec::new();
    for _ in 0..max {
        if backwards {
            press_shift_tab(c).await;
        } else {
            press(c, Key::Tab).await;
        }
        let f = focus(c).await;
        if matches(&f) {
            return f;
        }
        seen.push(format!("{} “{}”", f.tag, f.name));
    }
    panic!(
        "pressed {} {max} times without reaching {what}; focus went: {}",
        if backwards { "Shift+Tab" } else { "Tab" },
        seen.join(" → ")
    );
}

// ---------------------------------------------------------------------------
// Storage, messages, files
// ---------------------------------------------------------------------------

/// A stored value, read once the app has saved its latest change.
pub async fn local_storage_get(c: &Client, key: &str) -> Option<String> {
    wait_saved(c).await;
    let v = js(
        c,
        "return localStorage.getItem(arguments[0]);",
        vec![json!(key)],
    )
    .await;
    v.as_str().map(str::to_owned)
}

/// Every localStorage key and value.
pub async fn local_storage_all(c: &Client) -> std::collections::BTreeMap<String, String> {
    wait_saved(c).await;
    let v = js(
        c,
        "const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;",
        vec![],
    )
    .await;
    serde_json::from_value(v).expect("localStorage as a map")
}

/// The id of the open plan (`ipw.last-open`).
pub async fn open_plan_id(c: &Client) -> String {
    eventually(
        "localStorage “ipw.last-open” to hold the open plan's id",
        || async {
            local_storage_get(c, "ipw.last-open")
                .await
                .ok_or_else(|| "no ipw.last-open".to_string())
        },
    )
    .await
}

/// The stored envelope of a plan, parsed.
pub async fn stored_envelope(c: &Client, plan_id: &str) -> Value {
    let key = format!("ipw.plan.{plan_id}");
    let text = local_storage_get(c, &key)
        .await
        .unwrap_or_else(|| panic!("localStorage has no “{key}”"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("“{key}” is not JSON: {e}\n{text}"))
}

/// Waits until the app has no change waiting to be saved (it saves a
/// moment after each change). A page with no open plan, or whose save
/// failed, has nothing waiting.
pub async fn wait_saved(c: &Client) {
    eventually("the app to save its latest change", || async {
        let v = js(
            c,
            "const s = document.querySelector('.save-state'); return s ? s.textContent : 'no plan open';",
            vec![],
        )
        .await;
        let state = v.as_str().unwrap_or_default().to_owned();
        (state != "Saving…").then_some(()).ok_or(state)
    })
    .await
}

/// The text of the problems area (role="alert").
pub async fn alert_text(c: &Client) -> String {
    let v = js(
        c,
        "const a = document.querySelector('[role=alert]'); return a ? a.innerText : null;",
        vec![],
    )
    .await;
    v.as_str().unwrap_or("").to_owned()
}

/// Waits until the alert area shows a message containing `needle`, and
/// returns the whole text of that message.
pub async fn wait_alert_containing(c: &Client, needle: &str) -> String {
    eventually(
        &format!("a role=alert message containing “{needle}”"),
        || async {
            let v = js(
                c,
                "const a = document.querySelector('[role=alert]'); if (!a) return null; \
             return Array.from(a.querySelectorAll('.notice')).map(n => n.innerText);",
                vec![],
            )
            .await;
            let notices: Vec<String> = serde_json::from_value(v).unwrap_or_default();
            notices
                .iter()
                .find(|n| n.contains(needle))
                .cloned()
                .ok_or_else(|| format!("alert notices: {notices:?}"))
        },
    )
    .await
}

/// Imports a file through the “Import plan file” input.
pub async fn import_file(c: &Client, path: &Path) {
    let input = c
        .find(Locator::XPath(
            "//input[@type='file' and @aria-label='Import plan file']",
        ))
        .await
        .expect("the “Import plan file” input");
    let abs = std::fs::canonicalize(path).expect("absolute path of the file to import");
    input
        .send_keys(&abs.display().to_string())
        .await
        .unwrap_or_else(|e| panic!("choosing {} failed: {e:?}", abs.display()));
}

/// Waits for a download of exactly `dir/name` to finish (no partial
/// `.crdownload` left in the folder) and returns its bytes.
pub async fn wait_download_bytes(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let what = format!("the download {}", path.display());
    let p = &path;
    eventually_for(&what, Duration::from_secs(20), || async move {
        let listing: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if listing.iter().any(|n| n.ends_with(".crdownload")) {
            return Err(format!("download in progress: {listing:?}"));
        }
        std::fs::read(p).map_err(|e| format!("{e}; directory holds {listing:?}"))
    })
    .await
}

/// Waits until `dir/name` is fully downloaded and parses as JSON.
pub async fn wait_download_json(dir: &Path, name: &str) -> (PathBuf, Value) {
    let bytes = wait_download_bytes(dir, name).await;
    let value = serde_json::from_slice::<Value>(&bytes)
        .unwrap_or_else(|e| panic!("the download {name} is not JSON: {e}"));
    (dir.join(name), value)
}

/// Opens the example plan from the library and returns its title once
/// the plan is shown.
pub async fn open_example(c: &Client) -> String {
    click_button(c, "Open the example plan").await;
    eventually("the example plan's title", || async {
        let t = text_of(c, "h2.plan-title").await?;
        let t = t.trim().to_owned();
        (!t.is_empty()).then_some(t).ok_or("empty title".to_owned())
    })
    .await
}

/// The titles in the library (from its “Open …” buttons).
pub async fn library_titles(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('.plan-list li button[aria-label^=\"Open \"]')).map(b => b.getAttribute('aria-label').slice(5));",
        vec![],
    )
    .await;
    let mut titles: Vec<String> = serde_json::from_value(v).unwrap_or_default();
    titles.sort();
    titles
}

// ---------------------------------------------------------------------------
// Accessibility: axe-core
// ---------------------------------------------------------------------------

/// Where scripts/setup.sh put axe-core's browser bundle (AXE_CORE_JS in
/// .tools/env.sh), or its usual place in the cache when the variable is
/// not set (a test run without `. .tools/env.sh`).
fn axe_core_path() -> PathBuf {
    if let Some(p) = std::env::var_os("AXE_CORE_JS").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("plan-workbench/axe-core/node_modules/axe-core/axe.min.js")
}

fn axe_core_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_core_path();
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is missing ({}: {e}): run `scripts/setup.sh --test` (make test does)",
                path.display()
            )
        })
    })
}

/// One element that breaks an axe rule.
#[derive(Clone, Debug)]
pub struct AxeNode {
    /// The CSS selector axe gives for it.
    pub target: String,
    pub html: String,
    /// axe's account of what to fix.
    pub summary: String,
}

/// One axe rule broken on the page, with every element that breaks it.
#[derive(Clone, Debug)]
pub struct AxeViolation {
    pub rule: String,
    pub impact: String,
    pub help: String,
    pub nodes: Vec<AxeNode>,
}

impl std::fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "  {} ({}, {} node(s)): {}",
            self.rule,
            self.impact,
            self.nodes.len(),
            self.help
        )?;
        for n in &self.nodes {
            let html: String = n.html.chars().take(200).collect();
            writeln!(f, "    - {}\n      {html}", n.target)?;
            for line in n.summary.lines() {
                writeln!(f, "      | {line}")?;
            }
        }
        Ok(())
    }
}

/// The rules checked: WCAG 2.0 and 2.1 levels A and AA, axe's best
/// practices, and label-content-name-mismatch (WCAG 2.5.3, which axe
/// counts as experimental and leaves out unless asked).
const AXE_OPTIONS: &str = r#"{
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    rules: {'label-content-name-mismatch': {enabled: true}},
    resultTypes: ['violations']
}"#;

/// Injects axe-core into the page (once per page load) and runs it on the
/// whole document.
pub async fn axe_violations(c: &Client) -> Vec<AxeViolation> {
    let loaded = js(c, "return typeof window.axe === 'object';", vec![]).await;
    if loaded != Value::Bool(true) {
        js(
            c,
            "const s = document.createElement('script'); s.textContent = arguments[0]; \
             document.head.appendChild(s); s.remove(); return typeof window.axe;",
            vec![json!(axe_core_source())],
        )
        .await;
    }
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
           axe.run(document, {AXE_OPTIONS}).then(r => done({{violations: r.violations.map(v => ({{
               rule: v.id, impact: v.impact || '', help: v.help,
               nodes: v.nodes.map(n => ({{target: n.target.join(' '), html: n.html,
                                         summary: n.failureSummary || ''}}))
           }}))}}), e => done({{error: String(e)}}));"#
    );
    let result = c
        .execute_async(&script, vec![])
        .await
        .unwrap_or_else(|e| panic!("running axe-core failed: {e:?}"));
    if let Some(e) = result.get("error") {
        panic!("axe-core failed: {e}");
    }
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    result["violations"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| AxeViolation {
                    rule: s(&v["rule"]),
                    impact: s(&v["impact"]),
                    help: s(&v["help"]),
                    nodes: v["nodes"]
                        .as_array()
                        .map(|n| {
                            n.iter()
                                .map(|n| AxeNode {
                                    target: s(&n["target"]),
                                    html: s(&n["html"]),
                                    summary: s(&n["summary"]),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The violations found on several screens, reported together so that one
/// run lists everything to fix.
#[derive(Default)]
pub struct AxeAudit {
    screens: Vec<(String, Vec<AxeViolation>)>,
}

impl AxeAudit {
    /// Runs axe on what the page shows now, as the screen `screen`.
    pub async fn check(&mut self, c: &Client, screen: &str) {
        let found = axe_violations(c).await;
        let counts: Vec<String> = found
            .iter()
            .map(|v| format!("{} ×{}", v.rule, v.nodes.len()))
            .collect();
        eprintln!(
            "axe: {screen}: {}",
            if counts.is_empty() {
                "no violations".to_owned()
            } else {
                counts.join(", ")
            }
        );
        self.screens.push((screen.to_owned(), found));
    }

    /// Fails listing every violation, screen by screen, if there were any.
    pub fn assert_clean(&self) {
        let failing: Vec<String> = self
            .screens
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(screen, v)| {
                let list: String = v.iter().map(ToString::to_string).collect();
                format!("{screen}:\n{list}")
            })
            .collect();
        assert!(
            failing.is_empty(),
            "axe-core found accessibility violations on {} of {} screens:\n{}",
            failing.len(),
            self.screens.len(),
            failing.join("\n")
        );
    }
}

/// Fails, listing the rules and elements, unless axe finds nothing wrong
/// with what the page shows now.
pub async fn assert_no_axe_violations(c: &Client, screen: &str) {
    let mut audit = AxeAudit::default();
    audit.check(c, screen).await;
    audit.assert_clean();
}

// ---------------------------------------------------------------------------
// Chromium's DevTools
// ---------------------------------------------------------------------------

/// chromedriver's vendor endpoint for a DevTools command, which answers
/// with the command's result (fantoccini has no call for it).
#[derive(Debug)]
struct CdpCommand {
    cmd: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}

/// Sends a Chromium DevTools command and returns its result, or the error.
pub async fn try_cdp(
    c: &Client,
    cmd: &str,
    params: Value,
) -> Result<Value, fantoccini::error::CmdError> {
    c.issue_cmd(CdpCommand {
        cmd: cmd.to_owned(),
        params,
    })
    .await
}

/// Sends a Chromium DevTools command and returns its result.
pub async fn cdp_call(c: &Client, cmd: &str, params: Value) -> Value {
    try_cdp(c, cmd, params)
        .await
        .unwrap_or_else(|e| panic!("the DevTools command {cmd} failed: {e:?}"))
}
