//! A module as the generator writes one, written here by hand (and shorter): one of each kind of
//! struct, a string enum and the operations that call the runtime's crate-private items. It is this
//! crate's stand-in for generated code, so that every item generated code uses is used (and
//! linted) here too, and the runtime's tests have types to work with. The generator does not
//! copy it.

/// The id of a [`Widget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WidgetId(::uuid::Uuid);

crate::id_type::impls!(WidgetId);

/// A widget: one field of each presence.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Widget {
    /// The widget's id.
    pub id: WidgetId,
    /// The widget's name.
    pub name: String,
    /// The widget it hangs from.
    pub parent: Option<WidgetId>,
    /// Its colour.
    pub color: Option<Color>,
    /// The widget's kind, a keyword in Rust.
    pub r#type: Option<String>,
}

crate::structs::json! {
    object Widget, id = "id" required, name = "name" required, parent = "parent" required_nullable,
    color = "color" optional, r#type = "type" optional_nullable
}

/// The request body of [`Client::update_widget`](crate::Client::update_widget).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UpdateWidgetBody {
    /// The widget's name.
    pub name: String,
    /// The widget it hangs from.
    pub parent: Option<::uuid::Uuid>,
    /// Its colour.
    pub color: Option<Color>,
    /// Its label; `null` clears it.
    pub label: crate::Patch<String>,
}

impl UpdateWidgetBody {
    /// A body with the required fields given.
    #[must_use]
    pub fn new(name: impl Into<String>, parent: Option<::uuid::Uuid>) -> Self {
        Self { name: name.into(), parent, color: None, label: crate::Patch::Keep }
    }
    /// Sets `color`.
    #[must_use]
    pub fn color(mut self, value: Color) -> Self {
        self.color = Some(value);
        self
    }
    /// Sets `label`.
    #[must_use]
    pub fn label(mut self, value: impl Into<String>) -> Self {
        self.label = crate::Patch::Set(value.into());
        self
    }
    /// Sends `label` as `null`, clearing the stored value.
    #[must_use]
    pub fn clear_label(mut self) -> Self {
        self.label = crate::Patch::Clear;
        self
    }
}

crate::structs::json! {
    body UpdateWidgetBody, name = "name" required, parent = "parent" required_nullable,
    color = "color" optional, label = "label" optional_nullable
}

/// The query parameters of [`Client::list_widgets`](crate::Client::list_widgets).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ListWidgetsQuery {
    /// Items per page.
    pub per_page: Option<i64>,
    /// Where to start.
    pub cursor: Option<String>,
    /// Sent as the `X-Trace` header.
    pub trace: Option<String>,
}

impl ListWidgetsQuery {
    /// Sets `per_page`.
    #[must_use]
    pub fn per_page(mut self, value: i64) -> Self {
        self.per_page = Some(value);
        self
    }
    /// Sets `X-Trace`.
    #[must_use]
    pub fn trace(mut self, value: impl Into<String>) -> Self {
        self.trace = Some(value.into());
        self
    }
}

/// A widget's colour.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Color {
    /// `red`.
    Red,
    /// A value this version does not know, as received.
    Unknown(String),
}

impl Color {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::Unknown(value) => value,
        }
    }
}

impl ::std::convert::From<&str> for Color {
    fn from(value: &str) -> Self {
        match value {
            "red" => Self::Red,
            other => Self::Unknown(other.to_string()),
        }
    }
}

crate::string_enum::impls!(Color);

/// A widget's size, an integer code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Size {
    /// `1`.
    Small,
    /// `3`.
    Large,
    /// A code this version does not know, as received.
    Unknown(i64),
}

impl Size {
    /// The code as sent on the wire.
    pub fn code(self) -> i64 {
        match self {
            Self::Small => 1,
            Self::Large => 3,
            Self::Unknown(code) => code,
        }
    }
}

impl ::std::convert::From<i64> for Size {
    fn from(code: i64) -> Self {
        match code {
            1 => Self::Small,
            3 => Self::Large,
            other => Self::Unknown(other),
        }
    }
}

crate::code_enum::impls!(Size);

/// Where a widget is kept, such as `A-3`: its rack and its shelf.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WidgetKey {
    /// The rack's name.
    pub rack: String,
    /// The shelf's number.
    pub shelf: i64,
}

impl WidgetKey {
    /// The key of these parts.
    #[must_use]
    pub fn new(rack: impl Into<String>, shelf: i64) -> Self {
        Self { rack: rack.into(), shelf }
    }
}

crate::key_type::impls!(WidgetKey, "{rack}-{shelf}", rack, shelf in 1..);

impl crate::Client {
    /// Updates a widget: `PATCH /widgets/{widget_id}/`.
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error).
    pub fn update_widget(&self, widget_id: ::uuid::Uuid, body: &UpdateWidgetBody) -> crate::Call<'_, Widget> {
        let route = crate::call::Route::new(::reqwest::Method::PATCH, "/widgets/{widget_id}/")
            .path("widget_id", crate::call::param(&widget_id))
            .check_length("name", Some(body.name.as_str()), Some(1), Some(255));
        self.call_json(route, Some(body))
    }

    /// Gets a widget by where it is kept: `GET /widgets/{widget_key}/`.
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error).
    pub fn retrieve_widget_by_key(&self, widget_key: &WidgetKey) -> crate::Call<'_, Widget> {
        let route = crate::call::Route::new(::reqwest::Method::GET, "/widgets/{widget_key}/")
            .path("widget_key", crate::call::param(widget_key));
        self.call_json(route, crate::call::NO_BODY)
    }

    /// Deletes a widget: `DELETE /widgets/{widget_id}/`.
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error).
    pub fn delete_widget(&self, widget_id: ::uuid::Uuid) -> crate::Call<'_, ()> {
        let route = crate::call::Route::new(::reqwest::Method::DELETE, "/widgets/{widget_id}/")
            .path("widget_id", crate::call::param(&widget_id));
        self.call_empty(route, crate::call::NO_BODY)
    }

    /// Lists widgets, one page: `GET /widgets/`.
    ///
    /// # Errors
    ///
    /// An [`Error`](crate::Error).
    pub fn list_widgets(&self, query: &ListWidgetsQuery) -> crate::Call<'_, crate::Page<Widget>> {
        let route = crate::call::Route::new(::reqwest::Method::GET, "/widgets/")
            .query("per_page", query.per_page.as_ref().map(crate::call::param))
            .query("cursor", query.cursor.as_ref().map(crate::call::param))
            .header("X-Trace", query.trace.as_ref().map(crate::call::param))
            .check_range("per_page", query.per_page, Some(1), Some(1000));
        self.call_json(route, crate::call::NO_BODY)
    }

    /// Every widget, page after page.
    pub fn list_widgets_stream(&self, query: &ListWidgetsQuery) -> crate::ItemStream<'_, Widget> {
        let query = query.clone();
        crate::page::items("/widgets/", query.cursor.clone(), move |cursor| {
            let mut query = query.clone();
            query.cursor = cursor;
            async move { self.list_widgets(&query).await }
        })
    }
}

/// An event the API's webhooks deliver, by the name in its `X-Event` header.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// The `widget` event.
    Widget(Box<Widget>),
    /// An event this version of the crate does not list, with its whole body.
    Other {
        /// The event's name.
        event: String,
        /// The delivery's body.
        body: ::serde_json::Value,
    },
}

impl crate::WebhookEvents for WebhookEvent {
    const SCHEME: crate::webhook::Scheme = crate::webhook::Scheme {
        signature_header: "X-Signature",
        signature_prefix: "sha256=",
        event_header: "X-Event",
        delivery_header: None,
    };

    fn decode(name: &str, body: &[u8], strict: bool) -> Result<Self, crate::WebhookError> {
        Ok(match name {
            "widget" => Self::Widget(crate::webhook::decode(name, body, strict)?),
            _ => Self::Other { event: name.to_string(), body: crate::webhook::decode(name, body, false)? },
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_code_is_an_integer_in_json_and_text_in_a_path() {
        assert_eq!(serde_json::to_value(Size::Large).unwrap(), json!(3));
        assert_eq!(serde_json::from_value::<Size>(json!(1)).unwrap(), Size::Small);
        assert_eq!(serde_json::from_value::<Size>(json!(7)).unwrap(), Size::Unknown(7));
        assert!(serde_json::from_value::<Size>(json!("1")).is_err());
        assert_eq!((Size::Unknown(-2).to_string(), crate::call::param(&Size::Large)), ("-2".into(), "3".into()));
    }

    #[test]
    fn an_id_is_its_uuid_as_text_and_json() {
        let uuid = ::uuid::Uuid::from_u128(0x550e8400_e29b_41d4_a716_446655440000);
        let id = WidgetId::from_uuid(uuid);
        assert_eq!(id.to_string(), "550e8400-e29b-41d4-a716-446655440000");
        assert_eq!(id.to_string().parse::<WidgetId>().unwrap(), id);
        assert!("not-a-uuid".parse::<WidgetId>().is_err());
        assert_eq!(serde_json::to_value(id).unwrap(), json!("550e8400-e29b-41d4-a716-446655440000"));
        assert_eq!(serde_json::from_value::<WidgetId>(json!(uuid.to_string())).unwrap(), id);
        assert_eq!((::uuid::Uuid::from(id), id.uuid()), (uuid, uuid));
        assert_eq!(crate::call::param(&id), uuid.to_string());
    }

    #[test]
    fn a_key_is_built_from_its_parts_and_read_from_its_text() {
        let key = WidgetKey::new("A", 3);
        assert_eq!((key.rack.as_str(), key.shelf, key.to_string()), ("A", 3, "A-3".to_string()));
        assert_eq!("A-3".parse::<WidgetKey>().unwrap(), key);
        assert!("A-0".parse::<WidgetKey>().unwrap_err().to_string().ends_with("`{shelf}` is 0, below its minimum 1"));
        assert_eq!(crate::call::param(&key), "A-3");
    }

    #[test]
    fn an_object_decodes_what_its_fields_say_and_ignores_the_rest() {
        let id = WidgetId::from_uuid(::uuid::Uuid::nil());
        let widget: Widget =
            serde_json::from_value(json!({"id": id, "name": "w", "parent": null, "type": "big", "new_key": 1}))
                .unwrap();
        assert_eq!((widget.id, widget.name.as_str(), widget.parent, widget.color), (id, "w", None, None));
        assert_eq!(widget.r#type.as_deref(), Some("big"));
        let missing = serde_json::from_value::<Widget>(json!({"id": id, "name": "w"})).unwrap_err();
        assert!(missing.to_string().contains("missing field `parent`"), "{missing}");
        let twice = serde_json::from_str::<Widget>(r#"{"name": "a", "name": "b"}"#).unwrap_err();
        assert!(twice.to_string().contains("duplicate field `name`"), "{twice}");
    }

    #[test]
    fn a_body_sends_what_was_set_and_clears_with_null() {
        let body = UpdateWidgetBody::new("w", None).color(Color::Red);
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"name": "w", "parent": null, "color": "red"}));
        let cleared = body.clear_label();
        assert_eq!(serde_json::to_value(&cleared).unwrap()["label"], json!(null));
        assert_eq!(serde_json::to_value(cleared.label("l")).unwrap()["label"], json!("l"));
    }

    #[test]
    fn a_query_has_setters() {
        let query = ListWidgetsQuery::default().trace("trace-1").per_page(5);
        assert_eq!((query.trace.as_deref(), query.per_page, query.cursor), (Some("trace-1"), Some(5), None));
    }
}
