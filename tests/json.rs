//! The JSON of the generated structs, which the runtime's `structs.rs` writes instead of serde's
//! derive: the keys, what is left out, what is refused. Each test pins down what the derive did
//! (with the attributes the generator used to write), so the leaner code sends and accepts the
//! same JSON.

use plane_client::{CreateUserAssetBody, CustomerWorkItem, Label, UpdateLabelBody, UserAssetEntityType};
use serde_json::{Value, json};

fn label() -> Value {
    json!({
        "id": "8f3e1c52-3a7c-4e8e-9d0b-2f4b5c6d7e8f",
        "name": "bug",
        "description": "",
        "color": "#ff4444",
        "sort_order": 10000.0,
        "parent": null,
        "external_source": "jira",
        "external_id": null,
        "project": "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
        "workspace": "1c2d3e4f-5061-4728-93a4-b5c6d7e8f9a0",
        "created_at": "2026-01-02T03:04:05Z",
        "updated_at": "2026-01-02T03:04:05Z",
        "deleted_at": null,
        "created_by": null,
        "updated_by": null,
    })
}

fn error_of(value: Value) -> String {
    serde_json::from_value::<Label>(value).unwrap_err().to_string()
}

#[test]
fn an_object_decodes_and_encodes_back_to_the_same_json() {
    let decoded: Label = serde_json::from_value(label()).unwrap();
    assert_eq!(decoded.name, "bug");
    assert_eq!(decoded.external_source.as_deref(), Some("jira"));
    assert_eq!(decoded.parent, None);
    // Required nullable fields are sent as `null`, not left out.
    assert_eq!(serde_json::to_value(&decoded).unwrap(), label());
}

#[test]
fn keys_decode_from_bytes_from_a_reader_and_with_escapes() {
    let text = label().to_string();
    let from_slice: Label = serde_json::from_slice(text.as_bytes()).unwrap();
    let from_reader: Label = serde_json::from_reader(text.as_bytes()).unwrap();
    let escaped: Label = serde_json::from_str(&text.replace("\"color\"", "\"col\\u006fr\"")).unwrap();
    assert_eq!(from_slice, from_reader);
    assert_eq!(escaped.color, "#ff4444");
}

#[test]
fn unknown_keys_are_ignored() {
    let mut value = label();
    value["added_in_a_later_version"] = json!({ "nested": [1, 2, 3] });
    let decoded: Label = serde_json::from_value(value).unwrap();
    assert_eq!(decoded.name, "bug");
}

#[test]
fn a_missing_required_field_is_refused_even_when_nullable() {
    for key in ["name", "parent"] {
        let mut value = label();
        value.as_object_mut().unwrap().remove(key);
        assert!(error_of(value).contains(&format!("missing field `{key}`")));
    }
}

#[test]
fn null_in_a_required_field_that_is_not_nullable_is_refused() {
    let mut value = label();
    value["name"] = Value::Null;
    assert!(error_of(value).contains("invalid type: null, expected a string"));
}

#[test]
fn a_key_given_twice_is_refused() {
    let text = label().to_string().replacen("\"name\":\"bug\"", "\"name\":\"bug\",\"name\":\"bug\"", 1);
    let error = serde_json::from_str::<Label>(&text).unwrap_err().to_string();
    assert!(error.contains("duplicate field `name`"), "{error}");
}

#[test]
fn a_value_that_is_not_an_object_names_the_type_expected() {
    assert!(error_of(json!("bug")).contains("expected struct Label"));
}

#[test]
fn optional_fields_may_be_absent_or_null_and_are_left_out_when_none() {
    let id = "8f3e1c52-3a7c-4e8e-9d0b-2f4b5c6d7e8f";
    let decoded: CustomerWorkItem =
        serde_json::from_value(json!({ "id": id, "name": "n", "priority": null, "project__identifier": "PROJ" }))
            .unwrap();
    assert_eq!(decoded.priority, None);
    assert_eq!(decoded.sequence_id, None);
    assert_eq!(decoded.project_identifier.as_deref(), Some("PROJ"));
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        json!({ "id": id, "name": "n", "project__identifier": "PROJ" })
    );
}

#[test]
fn a_body_sends_what_was_set_cleared_fields_as_null_and_nothing_else() {
    let body = UpdateLabelBody::new().name("bug").clear_parent().external_id("J-1");
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "name": "bug", "parent": null, "external_id": "J-1" }));
    assert_eq!(serde_json::to_value(UpdateLabelBody::new()).unwrap(), json!({}));
}

#[test]
fn a_field_named_after_a_keyword_is_sent_under_its_json_key() {
    let body = CreateUserAssetBody::new(UserAssetEntityType::UserAvatar).r#type("image/png");
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "entity_type": "USER_AVATAR", "type": "image/png" }));
}
