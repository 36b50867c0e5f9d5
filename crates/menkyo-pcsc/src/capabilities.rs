//! What a reader can carry, from its PC/SC part 10 properties (`dwMaxAPDUDataSize`, which the
//! CCID driver derives from the reader's CCID descriptor; vsmartcard's vpcd reports it too).

use menkyo_transport::Capabilities;

/// `CM_IOCTL_GET_FEATURE_REQUEST` (PC/SC part 10 §2.2): `SCARD_CTL_CODE(3400)`.
pub(crate) const GET_FEATURE_REQUEST: u32 = 3400;
/// `FEATURE_GET_TLV_PROPERTIES` (PC/SC part 10 §2.3).
const FEATURE_GET_TLV_PROPERTIES: u8 = 0x12;
/// `PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize` (PC/SC part 10 §2.6.14).
const PROPERTY_MAX_APDU_DATA_SIZE: u8 = 0x0A;

/// The value of `tag` in a list of TLVs of a one-byte tag and a one-byte length (a feature or
/// property list); `None` when it is absent or the list is cut short before it.
fn value_of(list: &[u8], tag: u8) -> Option<&[u8]> {
    let mut rest = list;
    while let [found, len, tail @ ..] = rest {
        let len = usize::from(*len);
        let value = tail.get(..len)?;
        if *found == tag {
            return Some(value);
        }
        rest = tail.get(len..)?;
    }
    None
}

/// The control code of `FEATURE_GET_TLV_PROPERTIES` in a feature list: a length of 4 and a
/// big-endian control code.
pub(crate) fn tlv_properties_code(features: &[u8]) -> Option<u32> {
    let bytes: [u8; 4] = value_of(features, FEATURE_GET_TLV_PROPERTIES)?
        .try_into()
        .ok()?;
    Some(u32::from_be_bytes(bytes))
}

/// `dwMaxAPDUDataSize` in a property list: a little-endian value of up to 4 bytes.
pub(crate) fn max_apdu_data_size(properties: &[u8]) -> Option<u32> {
    let value = value_of(properties, PROPERTY_MAX_APDU_DATA_SIZE)?;
    let mut bytes = [0u8; 4];
    bytes.get_mut(..value.len())?.copy_from_slice(value);
    Some(u32::from_le_bytes(bytes))
}

/// What a reader reporting `dwMaxAPDUDataSize` can carry: 0 means short APDUs only.
pub(crate) fn from_max_apdu_data_size(size: u32) -> Capabilities {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size <= 256 {
        Capabilities::SHORT_ONLY
    } else if size >= 65_536 {
        Capabilities::EXTENDED
    } else {
        Capabilities {
            extended_length: true,
            max_command_len: 4 + 3 + size + 2,
            max_response_len: size + 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What vpcd answers to `CM_IOCTL_GET_FEATURE_REQUEST` on Linux.
    const VPCD_FEATURES: [u8; 6] = [0x12, 0x04, 0x42, 0x33, 0x00, 0x12];
    /// What vpcd answers to `FEATURE_GET_TLV_PROPERTIES`: 65 536 data bytes.
    const VPCD_PROPERTIES: [u8; 6] = [0x0A, 0x04, 0x00, 0x00, 0x01, 0x00];

    #[test]
    fn finds_tlv_properties_among_features() {
        let mut features = vec![0x06, 0x04, 0x42, 0x33, 0x00, 0x06];
        features.extend_from_slice(&VPCD_FEATURES);
        assert_eq!(tlv_properties_code(&features), Some(0x4233_0012));
        assert_eq!(tlv_properties_code(&features[..6]), None);
        assert_eq!(tlv_properties_code(&features[..9]), None);
    }

    #[test]
    fn reads_max_apdu_data_size() {
        let mut properties = vec![0x01, 0x02, 0x00, 0x00];
        properties.extend_from_slice(&VPCD_PROPERTIES);
        assert_eq!(max_apdu_data_size(&properties), Some(0x1_0000));
        assert_eq!(max_apdu_data_size(&[0x0A, 0x04, 0x00, 0x00]), None);
        assert_eq!(
            max_apdu_data_size(&[0x0A, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            None
        );
    }

    #[test]
    fn zero_means_short_only() {
        assert_eq!(from_max_apdu_data_size(0), Capabilities::SHORT_ONLY);
        assert_eq!(from_max_apdu_data_size(0x1_0000), Capabilities::EXTENDED);
        let mid = from_max_apdu_data_size(1024);
        assert!(mid.extended_length);
        assert_eq!(mid.max_ne(), 1024);
    }
}
