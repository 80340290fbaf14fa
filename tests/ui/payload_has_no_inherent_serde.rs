//! The payload types' serde support is the trait impls alone: without `serde::Deserialize` in
//! scope there is no `FailureBody::deserialize` to call, and so none that reads an array the
//! trait impl refuses.

use scf_codes::FailureBody;

fn main() {
    let array = serde_json::json!([433, -1, "msg"]);
    let _ = FailureBody::deserialize(&array);
    let _ = FailureBody::serialize(&FailureBody::new(scf_codes::Code::TimeLimitReached), serde_json::value::Serializer);
}
