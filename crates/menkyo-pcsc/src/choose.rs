//! Which reader a command uses: the one a user names (by name, part of a name, or index from
//! 0), or else the only reader holding a card.

use menkyo_transport::TransportError;

use crate::{CardState, Error, Pcsc, Reader};

impl Pcsc {
    /// The reader `given` names, or else the only reader holding a card. A name is returned
    /// as given: connecting matches it against the readers.
    pub fn choose_reader(&self, given: Option<&str>) -> Result<String, Error> {
        choose(&self.readers()?, given)
    }
}

fn choose(readers: &[Reader], given: Option<&str>) -> Result<String, Error> {
    if readers.is_empty() {
        return Err(TransportError::NoReader.into());
    }
    if let Some(given) = given {
        if let Ok(index) = given.parse::<usize>() {
            return readers
                .get(index)
                .map(|r| r.name.clone())
                .ok_or(Error::NoReaderIndex {
                    index,
                    count: readers.len(),
                });
        }
        return Ok(given.to_owned());
    }
    let with_card: Vec<&str> = readers
        .iter()
        .filter(|r| matches!(r.card, CardState::Present { .. }))
        .map(|r| r.name.as_str())
        .collect();
    match with_card.as_slice() {
        [] => Err(TransportError::NoCard.into()),
        [only] => Ok((*only).to_owned()),
        several => Err(Error::SeveralReaders(
            several.iter().map(|s| (*s).to_owned()).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(name: &str, card: bool) -> Reader {
        Reader {
            name: name.into(),
            card: match card {
                true => CardState::Present {
                    atr: vec![0x3B, 0x00],
                    exclusive: false,
                    in_use: false,
                },
                false => CardState::Absent,
            },
        }
    }

    #[test]
    fn the_only_reader_with_a_card_or_the_one_named() {
        let readers = [reader("A", false), reader("B", true), reader("C", false)];
        assert_eq!(choose(&readers, None).unwrap(), "B");
        assert_eq!(choose(&readers, Some("2")).unwrap(), "C");
        assert_eq!(choose(&readers, Some("Virt")).unwrap(), "Virt");
        assert!(matches!(
            choose(&readers, Some("3")),
            Err(Error::NoReaderIndex { index: 3, count: 3 })
        ));
        assert!(matches!(
            choose(&[], None),
            Err(Error::Transport(TransportError::NoReader))
        ));
        assert!(matches!(
            choose(&readers[..1], None),
            Err(Error::Transport(TransportError::NoCard))
        ));
        let two = [reader("A", true), reader("B", true)];
        assert_eq!(
            choose(&two, None).unwrap_err().to_string(),
            "several readers hold a card: A, B"
        );
    }
}
