//! Relations between work items: every kind created once and read from both sides, repeats and
//! overlaps, and the refusals.

use plane_client::{
    CreateWorkItemBody, CreateWorkItemRelationBody, ErrorKind, WorkItemRelationRef, WorkItemRelationType,
    WorkItemRelations,
};

use crate::support::{api_error, unknown_id, with_project};

const KINDS: [WorkItemRelationType; 8] = [
    WorkItemRelationType::Blocking,
    WorkItemRelationType::BlockedBy,
    WorkItemRelationType::Duplicate,
    WorkItemRelationType::RelatesTo,
    WorkItemRelationType::StartBefore,
    WorkItemRelationType::StartAfter,
    WorkItemRelationType::FinishBefore,
    WorkItemRelationType::FinishAfter,
];

/// The same relation seen from the other work item.
fn inverse(kind: &WorkItemRelationType) -> WorkItemRelationType {
    use WorkItemRelationType::*;
    match kind {
        Blocking => BlockedBy,
        BlockedBy => Blocking,
        StartBefore => StartAfter,
        StartAfter => StartBefore,
        FinishBefore => FinishAfter,
        FinishAfter => FinishBefore,
        other => other.clone(),
    }
}

/// The kind a relation is stored as: "A blocking B" is kept as "B blocked_by A", and so on.
fn stored(kind: &WorkItemRelationType) -> WorkItemRelationType {
    use WorkItemRelationType::*;
    match kind {
        Blocking | StartAfter | FinishAfter => inverse(kind),
        other => other.clone(),
    }
}

/// The list of `relations` for `kind`.
fn of_kind<'a>(relations: &'a WorkItemRelations, kind: &WorkItemRelationType) -> &'a [WorkItemRelationRef] {
    use WorkItemRelationType::*;
    match kind {
        Blocking => &relations.blocking,
        BlockedBy => &relations.blocked_by,
        Duplicate => &relations.duplicate,
        RelatesTo => &relations.relates_to,
        StartBefore => &relations.start_before,
        StartAfter => &relations.start_after,
        FinishBefore => &relations.finish_before,
        FinishAfter => &relations.finish_after,
        other => panic!("no list for {other}"),
    }
}

#[tokio::test]
async fn each_kind_of_relation_is_created_and_read_from_both_sides() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Hub")).await.unwrap();
        let mut others = Vec::new();
        for kind in KINDS {
            let other = client.create_work_item(ws, project, &CreateWorkItemBody::new(kind.as_str())).await.unwrap();
            let body = CreateWorkItemRelationBody::new(kind.clone(), vec![other.id]);
            let created = client.create_work_item_relation(ws, project, item.id, &body).await.unwrap();
            // Each element describes the other work item, with the kind as stored.
            let [relation] = created.as_slice() else { panic!("one relation for {kind}: {created:?}") };
            assert_eq!(
                (relation.id, relation.project_id, relation.sequence_id),
                (other.id, project, other.sequence_id)
            );
            assert_eq!((relation.name.as_str(), Some(relation.state_id)), (kind.as_str(), other.state));
            assert_eq!(relation.relation_type, stored(&kind), "{kind}");
            others.push((kind, other.id));
        }

        let relations = client.list_work_item_relations(ws, project, item.id).await.unwrap();
        for (kind, other) in &others {
            assert_eq!(of_kind(&relations, kind), [WorkItemRelationRef::new(project, *other)], "{kind}");
            let theirs = client.list_work_item_relations(ws, project, *other).await.unwrap();
            let back = inverse(kind);
            assert_eq!(of_kind(&theirs, &back), [WorkItemRelationRef::new(project, item.id)], "{back}");
            let elsewhere = KINDS.iter().filter(|k| **k != back).map(|k| of_kind(&theirs, k).len()).sum::<usize>();
            assert_eq!(elsewhere, 0, "{other} has only the one relation");
        }
    })
    .await;
}

#[tokio::test]
async fn a_pair_is_related_once_and_bad_relations_are_refused() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let one = client.create_work_item(ws, project, &CreateWorkItemBody::new("One")).await.unwrap();
        let two = client.create_work_item(ws, project, &CreateWorkItemBody::new("Two")).await.unwrap();
        let relate = CreateWorkItemRelationBody::new(WorkItemRelationType::RelatesTo, vec![two.id]);
        let first = client.create_work_item_relation(ws, project, one.id, &relate).await.unwrap();
        // The same relation again: 201 with the row that exists.
        let again = client.create_work_item_relation(ws, project, one.id, &relate).await.unwrap();
        assert_eq!(again, first);
        // Another kind stored for the same ordered pair is skipped without a word: 201 and `[]`.
        let blocked = CreateWorkItemRelationBody::new(WorkItemRelationType::BlockedBy, vec![two.id]);
        assert!(client.create_work_item_relation(ws, project, one.id, &blocked).await.unwrap().is_empty());
        let relations = client.list_work_item_relations(ws, project, one.id).await.unwrap();
        assert_eq!(relations.relates_to, [WorkItemRelationRef::new(project, two.id)]);
        assert!(relations.blocked_by.is_empty());

        let unknown_kind =
            CreateWorkItemRelationBody::new(WorkItemRelationType::Unknown("implemented_by".into()), vec![two.id]);
        let error = api_error(
            client.create_work_item_relation(ws, project, one.id, &unknown_kind).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(
            error.field_errors().map(|f| f["relation_type"].clone()),
            Some(vec!["\"implemented_by\" is not a valid choice.".to_string()])
        );
        let nobody = CreateWorkItemRelationBody::new(WorkItemRelationType::RelatesTo, vec![]);
        let error =
            api_error(client.create_work_item_relation(ws, project, one.id, &nobody).await, ErrorKind::BadRequest);
        assert!(error.field_errors().is_some_and(|f| f.contains_key("issues")), "{}", error.raw);
        // A work item that does not exist fails the database's constraint.
        let ghost = CreateWorkItemRelationBody::new(WorkItemRelationType::RelatesTo, vec![unknown_id()]);
        let error =
            api_error(client.create_work_item_relation(ws, project, one.id, &ghost).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "The payload is not valid");

        // Listing the relations of a work item that does not exist is not a 404: all empty.
        let none = client.list_work_item_relations(ws, project, unknown_id()).await.unwrap();
        assert!(KINDS.iter().all(|k| of_kind(&none, k).is_empty()));
    })
    .await;
}
