//! 免許の種類: the 15 licence classes of DF1/EF01 (tags 25–33), in card order.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::date::Date7;

/// Which 免許の年月日 of DF1/EF01 (tags 22–24) covers a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClassGroup {
    /// 二・小・原: motorcycles, small special vehicles, mopeds (tag 22).
    TwoSmallMoped,
    /// 他: the other first-class licences (tag 23).
    Other,
    /// 二種: second-class licences (tag 24).
    SecondClass,
}

macro_rules! licence_classes {
    ($($variant:ident = $tag:literal, $name:literal, $english:literal, $group:ident;)*) => {
        /// 免許の種類: a licence class, with its DF1/EF01 tag and its name on the licence.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LicenceClass {
            $(
                #[doc = concat!($name, " (tag ", stringify!($tag), "): ", $english, ".")]
                $variant,
            )*
        }

        impl LicenceClass {
            /// Every class, in card order (tags 25–33).
            pub const ALL: [LicenceClass; 15] = [$(LicenceClass::$variant),*];

            /// The DF1/EF01 tag of its date.
            pub const fn tag(self) -> u8 {
                match self { $(LicenceClass::$variant => $tag,)* }
            }

            /// The name on the licence (`普通`, `大特二` …).
            pub const fn name(self) -> &'static str {
                match self { $(LicenceClass::$variant => $name,)* }
            }

            /// The name in English.
            pub const fn english(self) -> &'static str {
                match self { $(LicenceClass::$variant => $english,)* }
            }

            /// Which 免許の年月日 covers it.
            pub const fn group(self) -> ClassGroup {
                match self { $(LicenceClass::$variant => ClassGroup::$group,)* }
            }
        }
    };
}

licence_classes! {
    Large = 0x25, "大型", "large vehicle", Other;
    Ordinary = 0x26, "普通", "ordinary vehicle", Other;
    LargeSpecial = 0x27, "大特", "large special vehicle", Other;
    LargeMotorcycle = 0x28, "大自二", "large motorcycle", TwoSmallMoped;
    OrdinaryMotorcycle = 0x29, "普自二", "ordinary motorcycle", TwoSmallMoped;
    SmallSpecial = 0x2A, "小特", "small special vehicle", TwoSmallMoped;
    Moped = 0x2B, "原付", "moped", TwoSmallMoped;
    Towing = 0x2C, "け引", "towing", Other;
    LargeSecondClass = 0x2D, "大二", "large vehicle, second class", SecondClass;
    OrdinarySecondClass = 0x2E, "普二", "ordinary vehicle, second class", SecondClass;
    LargeSpecialSecondClass = 0x2F, "大特二", "large special vehicle, second class", SecondClass;
    TowingSecondClass = 0x30, "け引二", "towing, second class", SecondClass;
    Medium = 0x31, "中型", "medium vehicle", Other;
    MediumSecondClass = 0x32, "中二", "medium vehicle, second class", SecondClass;
    SemiMedium = 0x33, "準中型", "semi-medium vehicle", Other;
}

impl LicenceClass {
    /// Position in card order, 0–14.
    pub fn index(self) -> usize {
        usize::from(self.tag() - LicenceClass::Large.tag())
    }

    /// The class whose date has this DF1/EF01 tag.
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.tag() == tag)
    }

    /// The class with this name on the licence (`普通`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for LicenceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// 免許の年月日: the first date of each group of classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LicensedOn {
    /// 二・小・原.
    pub two_small_moped: Option<Date7>,
    /// 他.
    pub other: Option<Date7>,
    /// 二種.
    pub second_class: Option<Date7>,
}

impl LicensedOn {
    /// The date of a group.
    pub fn get(&self, group: ClassGroup) -> Option<Date7> {
        match group {
            ClassGroup::TwoSmallMoped => self.two_small_moped,
            ClassGroup::Other => self.other,
            ClassGroup::SecondClass => self.second_class,
        }
    }

    /// The slot of a group.
    pub fn get_mut(&mut self, group: ClassGroup) -> &mut Option<Date7> {
        match group {
            ClassGroup::TwoSmallMoped => &mut self.two_small_moped,
            ClassGroup::Other => &mut self.other,
            ClassGroup::SecondClass => &mut self.second_class,
        }
    }
}

impl Serialize for LicensedOn {
    /// `{"two_small_moped", "other", "second_class"}`, each `YYYY-MM-DD` or `null`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let date = |d: Option<Date7>| d.and_then(Date7::date);
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("two_small_moped", &date(self.two_small_moped))?;
        map.serialize_entry("other", &date(self.other))?;
        map.serialize_entry("second_class", &date(self.second_class))?;
        map.end()
    }
}

/// One class as the JSON lists it: `{"name", "licensed", "since"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClassEntry {
    /// The class's name on the licence.
    pub name: &'static str,
    /// Whether the holder has it.
    pub licensed: bool,
    /// Since when, where the file records it.
    pub since: Option<crate::date::Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_in_card_order_with_consecutive_tags() {
        for (i, class) in LicenceClass::ALL.into_iter().enumerate() {
            assert_eq!(class.index(), i);
            assert_eq!(usize::from(class.tag()), 0x25 + i);
            assert_eq!(LicenceClass::from_tag(class.tag()), Some(class));
            assert_eq!(LicenceClass::from_name(class.name()), Some(class));
        }
        assert_eq!(LicenceClass::from_tag(0x34), None);
        assert_eq!(LicenceClass::from_name("普通二"), None);
    }

    #[test]
    fn names_follow_the_licence() {
        let names: Vec<&str> = LicenceClass::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(
            names,
            [
                "大型",
                "普通",
                "大特",
                "大自二",
                "普自二",
                "小特",
                "原付",
                "け引",
                "大二",
                "普二",
                "大特二",
                "け引二",
                "中型",
                "中二",
                "準中型"
            ]
        );
        assert_eq!(LicenceClass::Moped.group(), ClassGroup::TwoSmallMoped);
        assert_eq!(LicenceClass::SemiMedium.group(), ClassGroup::Other);
        assert_eq!(
            LicenceClass::MediumSecondClass.group(),
            ClassGroup::SecondClass
        );
    }
}
