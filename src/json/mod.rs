//! Reading JSON documents into the core's types, reporting every problem at once with its JSON path.
//!
//! serde's derived deserializers stop at the first error and know nothing of paths; a marketer fixing
//! a config wants the whole list, and the browser bundle wants no per-type generic code. So a document
//! is first parsed into a [`Value`] tree — by serde_json on the command line, by the browser's own
//! `JSON.parse` in the widget, which keeps a JSON parser out of the download — and then decoded by
//! hand-written, non-generic functions that keep going after a problem.

mod decode;
#[cfg(not(target_arch = "wasm32"))]
mod locate;
#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
mod prune;
mod value;

#[cfg(lenient_decoding)]
pub(crate) use decode::decode_leniently;
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub(crate) use decode::parse_text;
#[cfg(any(not(target_arch = "wasm32"), feature = "banners", feature = "rewards"))]
pub(crate) use decode::shared_ids;
pub(crate) use decode::{child, decode, index, named, one_of, parsed, whole, Decode, Decoder, Fields};
pub use decode::{Lenient, Omitted};
#[cfg(not(target_arch = "wasm32"))]
pub use locate::{locate, positions};
// The widget checks the size before the browser parses; the others in parse_text.
#[cfg(any(not(target_arch = "wasm32"), feature = "playground"))]
pub(crate) use prune::Pruned;
#[cfg(all(target_arch = "wasm32", not(feature = "node")))]
pub(crate) use value::check_size;
#[cfg(any(not(target_arch = "wasm32"), feature = "node"))]
pub use value::script_safe;
pub(crate) use value::show;
pub use value::{Value, MAX_DOCUMENT_BYTES, MAX_LIST_ITEMS, MAX_STRING_CHARS};
