//! The shape shared by the hand-written filters that rewrite a token's text
//! in place (Russian folding, Arabic normalizing and stemming, French elision):
//! each one is only its rewrite function wrapped in [`MapText`].

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A token filter applying a text rewrite to every token; tokens left empty
/// (e.g. made only of stress marks or tashkeel) are dropped.
#[derive(Clone, Copy)]
pub struct MapText(pub fn(&mut String));

impl TokenFilter for MapText {
    type Tokenizer<T: Tokenizer> = MapTextFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapTextFilter<T> {
        MapTextFilter { inner: tokenizer, rewrite: self.0 }
    }
}

#[derive(Clone)]
pub struct MapTextFilter<T> {
    inner: T,
    rewrite: fn(&mut String),
}

impl<T: Tokenizer> Tokenizer for MapTextFilter<T> {
    type TokenStream<'a> = MapTextStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapTextStream { tail: self.inner.token_stream(text), rewrite: self.rewrite }
    }
}

pub struct MapTextStream<T> {
    tail: T,
    rewrite: fn(&mut String),
}

impl<T: TokenStream> TokenStream for MapTextStream<T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            (self.rewrite)(&mut token.text);
            if !token.text.is_empty() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
