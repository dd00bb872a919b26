//! The paid editions' agent runs and their activities, against a local server, as
//! `cloud_pages.rs` does for its families. No reference page documents these operations, so every
//! request is checked against the official Python SDK's call (`plane/api/agent_runs/`: method,
//! exact path, query and JSON body); every answer is built from the SDK's model
//! (`plane/models/agent_runs.py`) with every field set, decoded by a strict client
//! (`deny_unknown_fields`: a key the spec lacks fails) and encoded back to the same JSON (every
//! field decoded, into its place). An activity's content is either of the SDK's two content
//! models, told apart by their keys: both are decoded, and sent.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn runs_path(rest: &str) -> String {
    format!("/api/v1/workspaces/{WS}/runs/{rest}")
}

/// The SDK's `AgentRun`, every field set.
fn run_json() -> Value {
    json!({
        "id": AGENT_RUN, "agent_user": OTHER, "comment": COMMENT, "source_comment": EPIC, "creator": USER,
        "stopped_at": "2025-06-01T09:05:00Z", "stopped_by": USER, "started_at": "2025-06-01T09:00:00Z",
        "ended_at": "2025-06-01T09:05:30.500Z", "external_link": "https://agent.example.com/runs/42",
        "issue": WORK_ITEM, "workspace": PAGE, "project": PROJECT, "status": "stopped",
        "error_metadata": {"code": "timeout", "retryable": true}, "type": "comment_thread",
        "created_at": "2025-06-01T09:00:00Z", "updated_at": "2025-06-01T09:05:30.500Z"
    })
}

/// The SDK's `AgentRunActivity` with `content`, every field set.
fn activity_json(content: Value) -> Value {
    let kind = content["type"].clone();
    json!({
        "id": AGENT_RUN_ACTIVITY, "agent_run": AGENT_RUN, "content": content,
        "content_metadata": {"model": "example-1"}, "ephemeral": false, "signal": "select",
        "signal_metadata": {"options": ["yes", "no"]}, "comment": COMMENT, "actor": OTHER, "type": kind,
        "project": PROJECT, "workspace": PAGE, "created_at": "2025-06-01T09:01:00Z", "updated_at": "2025-06-01T09:01:00Z"
    })
}

/// The SDK's `AgentRunActivityActionContent`.
fn action_json() -> Value {
    json!({"type": "action", "action": "search_work_items", "parameters": {"query": "login bug", "limit": "5"}})
}

/// The SDK's `AgentRunActivityTextContent`.
fn thought_json() -> Value {
    json!({"type": "thought", "body": "Looking for related work items"})
}

#[tokio::test]
async fn create_agent_run() {
    // Every field of the SDK's CreateAgentRun.
    let reference = Reference::sdk(
        "POST",
        runs_path(""),
        201,
        Some(json!({
            "agent_slug": "my-agent", "issue": WORK_ITEM, "project": PROJECT, "comment": COMMENT,
            "source_comment": EPIC, "external_link": "https://agent.example.com/runs/42", "type": "comment_thread"
        })),
    );
    let body = CreateAgentRunBody::new("my-agent")
        .issue(uuid(WORK_ITEM))
        .project(uuid(PROJECT))
        .comment(uuid(COMMENT))
        .source_comment(uuid(EPIC))
        .external_link("https://agent.example.com/runs/42")
        .r#type(AgentRunType::CommentThread);
    let run = exchange!(reference, Some(&run_json()), |client| client.create_agent_run(WS, &body));
    assert_encodes_to!(run, run_json());
    assert_eq!(run.status, AgentRunStatus::Stopped);
    // Only the agent's slug; a run that goes on has nulls where the SDK allows them.
    let reference = Reference::sdk("POST", runs_path(""), 201, Some(json!({"agent_slug": "my-agent"})));
    let mut answer = run_json();
    for key in [
        "comment",
        "source_comment",
        "stopped_at",
        "stopped_by",
        "ended_at",
        "external_link",
        "issue",
        "project",
        "error_metadata",
    ] {
        answer[key] = Value::Null;
    }
    answer["status"] = json!("in_progress");
    let body = CreateAgentRunBody::new("my-agent");
    let run = exchange!(reference, Some(&answer), |client| client.create_agent_run(WS, &body));
    assert_encodes_to!(run, answer);
    assert_eq!((run.status, run.ended_at), (AgentRunStatus::InProgress, None));
}

#[tokio::test]
async fn retrieve_agent_run() {
    let reference = Reference::sdk("GET", runs_path(&format!("{AGENT_RUN}/")), 200, None);
    // Each status the SDK names decodes to its own variant.
    for status in ["created", "in_progress", "awaiting", "completed", "stopping", "stopped", "failed", "stale"] {
        let mut answer = run_json();
        answer["status"] = json!(status);
        let run = exchange!(reference, Some(&answer), |client| client.retrieve_agent_run(WS, uuid(AGENT_RUN)));
        assert_encodes_to!(run, answer);
        assert!(!matches!(run.status, AgentRunStatus::Unknown(_)), "{status}");
    }
    // A status added later decodes, keeps its text and is sent back as it came.
    let mut answer = run_json();
    answer["status"] = json!("paused");
    let run = exchange!(reference, Some(&answer), |client| client.retrieve_agent_run(WS, uuid(AGENT_RUN)));
    assert_encodes_to!(run, answer);
    assert_eq!(run.status, AgentRunStatus::Unknown("paused".into()));
}

// ---- activities ----

#[tokio::test]
async fn list_agent_run_activities() {
    let reference = Reference::sdk("GET", runs_path(&format!("{AGENT_RUN}/activities/")), 200, None)
        .with_query(&[("per_page", "20"), ("cursor", "20:1:0")]);
    let answer = page(vec![activity_json(action_json()), activity_json(thought_json())]);
    let query = ListAgentRunActivitiesQuery::new().per_page(20).cursor("20:1:0");
    let activities =
        exchange!(reference, Some(&answer), |client| client.list_agent_run_activities(WS, uuid(AGENT_RUN), &query));
    assert_encodes_to!(activities, answer);
    assert!(
        matches!(&activities.results[0].content, AgentRunActivityContent::Action(action) if action.parameters["limit"] == "5")
    );
    assert!(
        matches!(&activities.results[1].content, AgentRunActivityContent::Text(text) if text.body.starts_with("Looking"))
    );
}

#[tokio::test]
async fn retrieve_agent_run_activity() {
    let reference =
        Reference::sdk("GET", runs_path(&format!("{AGENT_RUN}/activities/{AGENT_RUN_ACTIVITY}/")), 200, None);
    // A user's prompt, with the nulls the SDK allows.
    let mut answer = activity_json(json!({"type": "prompt", "body": "Why does login fail?"}));
    for key in ["content_metadata", "signal_metadata", "comment", "actor", "project"] {
        answer[key] = Value::Null;
    }
    answer["signal"] = json!("continue");
    answer["ephemeral"] = json!(true);
    let activity = exchange!(reference, Some(&answer), |client| client.retrieve_agent_run_activity(
        WS,
        uuid(AGENT_RUN),
        uuid(AGENT_RUN_ACTIVITY)
    ));
    assert_encodes_to!(activity, answer);
    assert_eq!((activity.r#type, activity.signal), (AgentRunActivityType::Prompt, AgentRunActivitySignal::Continue));
}

#[tokio::test]
async fn create_agent_run_activity() {
    let path = runs_path(&format!("{AGENT_RUN}/activities/"));
    // Every field of the SDK's CreateAgentRunActivity, with an action's content.
    let reference = Reference::sdk(
        "POST",
        path.clone(),
        201,
        Some(json!({
            "content": action_json(), "content_metadata": {"model": "example-1"}, "signal": "auth_request",
            "signal_metadata": {"url": "https://agent.example.com/auth"}, "type": "action", "project": PROJECT
        })),
    );
    let parameters =
        BTreeMap::from([("query".to_string(), "login bug".to_string()), ("limit".to_string(), "5".to_string())]);
    let content = AgentRunActivityContent::Action(AgentRunActionContent::new(
        AgentRunActivityType::Action,
        "search_work_items",
        parameters,
    ));
    let body = CreateAgentRunActivityBody::new(content, NewAgentRunActivityType::Action)
        .content_metadata(BTreeMap::from([("model".to_string(), json!("example-1"))]))
        .signal(AgentRunActivitySignal::AuthRequest)
        .signal_metadata(BTreeMap::from([("url".to_string(), json!("https://agent.example.com/auth"))]))
        .project(uuid(PROJECT));
    let answer = activity_json(action_json());
    let activity =
        exchange!(reference, Some(&answer), |client| client.create_agent_run_activity(WS, uuid(AGENT_RUN), &body));
    assert_encodes_to!(activity, answer);
    // Only the required content and type, with a text's content.
    let reference = Reference::sdk("POST", path, 201, Some(json!({"content": thought_json(), "type": "thought"})));
    let content = AgentRunActivityContent::Text(AgentRunTextContent::new(
        AgentRunActivityType::Thought,
        "Looking for related work items",
    ));
    let body = CreateAgentRunActivityBody::new(content, NewAgentRunActivityType::Thought);
    let answer = activity_json(thought_json());
    let activity =
        exchange!(reference, Some(&answer), |client| client.create_agent_run_activity(WS, uuid(AGENT_RUN), &body));
    assert_encodes_to!(activity, answer);
}
