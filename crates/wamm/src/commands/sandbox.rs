//! `wamm sandbox`: the sandbox in the foreground, until Ctrl-C.

use clap::Args;
use wamm_sandbox::Sandbox;
use wamm_sandbox::cli::SandboxArgs;

use crate::exit::Failure;
use crate::output;

pub const ABOUT: &str = "Run a local stand-in for Meta's endpoint, for testing without an account";

pub const EXAMPLES: &str = "\
Examples:
  wamm sandbox --listen 127.0.0.1:8080
  wamm sandbox --mps 20 --pair-interval 6s --opted-out 447700900999
  wamm sandbox --faults 500=0.05,503=0.02,reset=0.02,slow=0.01,lost=0.02 --seed 42
  wamm sandbox --templates my-templates.json

Then, in another terminal:
  export WHATSAPP_ACCESS_TOKEN=sandbox-token WAMM_BASE_URL=http://127.0.0.1:8080
  wamm send --phone-number-id 106540352242922 --to 447700900123 \\
      --template spring_sale --lang en_US --body Ana
  curl http://127.0.0.1:8080/__sandbox/messages

The first line printed is always `listening on http://ADDR`.";

#[derive(Args, Debug)]
pub struct SandboxCommandArgs {
    #[command(flatten)]
    pub sandbox: SandboxArgs,
}

pub async fn exec(args: SandboxCommandArgs) -> Result<(), Failure> {
    let config = args
        .sandbox
        .into_config()
        .map_err(|e| Failure::usage(format!("{e:#}")))?;
    let phone_numbers = config.phone_numbers.clone();
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|e| Failure::other(e.to_string()))?;
    output::out(format!("listening on {}", sandbox.base_url()))?;
    output::out(format!("token: {}", sandbox.token()))?;
    for phone in &phone_numbers {
        output::out(format!(
            "phone number ID: {}{}",
            phone.id,
            if phone.onboarded {
                ""
            } else {
                " (not onboarded: STRICT sends are refused, others fall back to the Cloud API)"
            }
        ))?;
    }
    output::out(format!(
        "send: POST {0}/v23.0/{1}/marketing_messages   inspect: GET {0}/__sandbox/messages, {0}/__sandbox/stats",
        sandbox.base_url(),
        sandbox.phone_number_id()
    ))?;
    wait_for_stop().await;
    output::err("stopping");
    sandbox.shutdown().await;
    Ok(())
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
