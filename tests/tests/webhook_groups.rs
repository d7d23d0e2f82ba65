//! `wamm webhook serve` under concurrent POSTs, where its writer commits many POSTs in one
//! transaction: a POST refused in the middle of a group (a bad signature, a body that is no
//! payload) costs the others nothing, a redelivery in the same group is counted once, and a
//! SIGKILL while POSTs are in flight loses none that was answered 200.

use std::collections::HashSet;
use std::sync::Arc;

use marketing::webhook::EventStore;
use serde_json::json;
use wamm_client::webhook_signature::sign;
use wamm_e2e::Receiver;

const SECRET: &str = "e2e-groups-secret-81f2";

/// A POST of one status for `wamid`.
fn body(wamid: &str, status: &str, at: u64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "statuses": [{"id": wamid, "status": status, "timestamp": at.to_string(),
                          "recipient_id": "447700900123"}]}}]}]
    }))
    .unwrap()
}

/// What one POST was, and what it should get.
#[derive(Clone)]
struct Post {
    wamid: String,
    body: Vec<u8>,
    signature: String,
    /// Signed with the app secret and a payload: answered 200 and recorded.
    good: bool,
}

/// Sends `posts` over `connections` clients at once; returns the wamids answered 200, and
/// checks every answer is the one its POST should get.
async fn send_all(url: &str, posts: Vec<Post>, connections: usize) -> HashSet<String> {
    let posts = Arc::new(posts);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (url, posts, next) = (url.to_string(), Arc::clone(&posts), Arc::clone(&next));
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut recorded = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(post) = posts.get(i) else { break };
                let answer = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("X-Hub-Signature-256", &post.signature)
                    .body(post.body.clone())
                    .send()
                    .await;
                let Ok(answer) = answer else { continue };
                let code = answer.status().as_u16();
                if post.good {
                    assert_eq!(code, 200, "{}", post.wamid);
                    recorded.push(post.wamid.clone());
                } else {
                    assert!(code == 401 || code == 400, "{}: {code}", post.wamid);
                }
            }
            recorded
        }));
    }
    let mut recorded = HashSet::new();
    for task in tasks {
        recorded.extend(task.await.unwrap());
    }
    recorded
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_posts_in_a_group_commit_cost_the_others_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let mut posts = Vec::new();
    for i in 0..600u64 {
        let wamid = format!("wamid.G{i:04}");
        let body = body(&wamid, "delivered", 1_764_072_000 + i);
        let signature = sign(SECRET.as_bytes(), &body);
        let post = match i % 6 {
            // Signed with another secret.
            1 => Post {
                wamid,
                signature: sign(b"another-secret", &body),
                body,
                good: false,
            },
            // Altered after signing.
            3 => {
                let mut tampered = body.clone();
                let at = tampered.len() - 10;
                tampered[at] = b' ';
                Post {
                    wamid,
                    body: tampered,
                    signature,
                    good: false,
                }
            }
            // Signed, but no payload.
            5 => {
                let junk = format!("{{\"not\": \"{wamid}\"}}").into_bytes();
                Post {
                    wamid,
                    signature: sign(SECRET.as_bytes(), &junk),
                    body: junk,
                    good: false,
                }
            }
            _ => Post {
                wamid,
                body,
                signature,
                good: true,
            },
        };
        posts.push(post);
    }
    // Every good POST twice, the copies among the others: a redelivery may land in the same
    // group as its first delivery.
    let mut all = posts.clone();
    all.extend(posts.iter().filter(|p| p.good).cloned());
    let good: HashSet<String> = posts
        .iter()
        .filter(|p| p.good)
        .map(|p| p.wamid.clone())
        .collect();
    let recorded = send_all(&receiver.url, all, 32).await;
    assert_eq!(recorded, good);
    receiver.kill();

    let store = EventStore::open(&store).unwrap();
    assert_eq!(
        store.counts().unwrap(),
        vec![("status".to_string(), good.len() as u64)],
        "each good event once, no refused one"
    );
    for post in &posts {
        let delivery = store.delivery(&post.wamid).unwrap();
        assert_eq!(delivery.is_some(), post.good, "{}", post.wamid);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_while_posts_are_in_flight_loses_none_answered_200() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let posts: Vec<Post> = (0..20_000u64)
        .map(|i| {
            let wamid = format!("wamid.K{i:05}");
            let body = body(&wamid, "read", 1_764_072_000 + i);
            Post {
                signature: sign(SECRET.as_bytes(), &body),
                wamid,
                body,
                good: true,
            }
        })
        .collect();
    // The load runs in the background; the receiver is killed once some POSTs are answered,
    // while the others are being read, queued or committed.
    let url = receiver.url.clone();
    let answered = Arc::new(std::sync::Mutex::new(HashSet::new()));
    let load = {
        let answered = Arc::clone(&answered);
        tokio::spawn(async move {
            let posts = Arc::new(posts);
            let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let mut tasks = Vec::new();
            for _ in 0..32 {
                let (url, posts, next, answered) = (
                    url.clone(),
                    Arc::clone(&posts),
                    Arc::clone(&next),
                    Arc::clone(&answered),
                );
                tasks.push(tokio::spawn(async move {
                    let client = reqwest::Client::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(post) = posts.get(i) else { break };
                        let answer = client
                            .post(&url)
                            .header("X-Hub-Signature-256", &post.signature)
                            .body(post.body.clone())
                            .send()
                            .await;
                        match answer {
                            Ok(answer) if answer.status().as_u16() == 200 => {
                                answered.lock().unwrap().insert(post.wamid.clone());
                            }
                            // The receiver is gone.
                            _ => break,
                        }
                    }
                }));
            }
            for task in tasks {
                let _ = task.await;
            }
        })
    };
    while answered.lock().unwrap().len() < 2_000 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    receiver.kill();
    load.await.unwrap();
    let answered = answered.lock().unwrap().clone();
    assert!(answered.len() < 20_000, "killed mid-load");

    let store = EventStore::open(&store).unwrap();
    for wamid in &answered {
        assert!(
            store.delivery(wamid).unwrap().is_some(),
            "{wamid} was answered 200 and lost"
        );
    }
}
