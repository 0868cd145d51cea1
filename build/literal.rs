//! A serde serializer that writes a value of the library's model as a Rust expression, so that
//! `build.rs` can compile the built-in library into the binary: strings become
//! `Text::borrowed("...")`, lists `vec![...]`, structs and enums their own constructors.

use std::fmt::{self, Write as _};

use serde::ser::{self, Impossible, Serialize};

/// Writes `value` as a Rust expression.
pub fn to_rust<T: Serialize>(value: &T) -> Result<String, Error> {
    let mut out = Literal(String::new());
    value.serialize(&mut out)?;
    Ok(out.0)
}

/// Why a value could not be written.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

fn unsupported(what: &str) -> Error {
    Error(format!(
        "the library model has no {what}; teach build/literal.rs to write one"
    ))
}

/// "same_day" → "SameDay": the Rust name of a variant serde renames to snake case.
fn camel(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

struct Literal(String);

impl Literal {
    fn push(&mut self, text: impl fmt::Display) {
        let _ = write!(self.0, "{text}");
    }
}

macro_rules! number {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.push(v);
            Ok(())
        }
    )*};
}

impl ser::Serializer for &mut Literal {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    number!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
            serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.push(v);
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.push(format_args!("{v:?}"));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.push(format_args!("{v:?}"));
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.push(format_args!("{v:?}"));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        // Debug formatting of a str is a valid Rust string literal.
        self.push(format_args!("Text::borrowed({v:?})"));
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("bytes"))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.push("None");
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        self.push("Some(");
        value.serialize(&mut *self)?;
        self.push(")");
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.push("()");
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.push(name);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.push(format_args!("{name}::{}", camel(variant)));
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.push(format_args!("{name}("));
        value.serialize(&mut *self)?;
        self.push(")");
        Ok(())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported("newtype variants"))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.push("vec![");
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("tuples"))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("tuple structs"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("tuple variants"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("maps"))
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self, Error> {
        self.push(format_args!("{name} {{"));
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("struct variants"))
    }
}

impl ser::SerializeSeq for &mut Literal {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)?;
        self.push(",");
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        self.push("]");
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Literal {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.push(format_args!("{key}:"));
        value.serialize(&mut **self)?;
        self.push(",");
        Ok(())
    }

    /// A field serde leaves out (`skip_serializing_if`) still needs its value in Rust: its
    /// default, which is what such a field holds when it is left out.
    fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
        self.push(format_args!("{key}:Default::default(),"));
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        self.push("}");
        Ok(())
    }
}
