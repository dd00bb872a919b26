//! Names made unique with a number (`get_2`, `Customer3`). Each stem remembers the next number to
//! try: counting from 2 at every clash would make a document whose 10,000 operations are all
//! called `get` cost 50 million tries.

use std::collections::{HashMap, HashSet};

/// Names taken, and the next number to try after each stem.
#[derive(Debug, Default)]
pub struct Taken {
    names: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Taken {
    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Takes `name`.
    pub fn insert(&mut self, name: String) {
        self.names.insert(name);
    }

    /// `stem` if it is free, else the first free `{stem}{separator}{n}` from 2 on, a name being
    /// free when it is not taken and `also` (given the names taken) does not refuse it. Does not
    /// take it. A number passed over for a stem is not tried again for it.
    pub fn unique(&mut self, stem: &str, separator: &str, also: impl Fn(&HashSet<String>, &str) -> bool) -> String {
        let free = |names: &HashSet<String>, name: &str| !names.contains(name) && !also(names, name);
        if free(&self.names, stem) {
            return stem.to_string();
        }
        let n = self.next.entry(stem.to_string()).or_insert(2);
        loop {
            let name = format!("{stem}{separator}{n}");
            *n += 1;
            if free(&self.names, &name) {
                return name;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_on_from_the_last_number_given() {
        let mut taken = Taken::default();
        for expected in ["get", "get_2", "get_4", "get_5"] {
            if expected == "get_4" {
                taken.insert("get_3".to_string());
            }
            let name = taken.unique("get", "_", |_, _| false);
            assert_eq!(name, expected);
            taken.insert(name);
        }
        taken.insert("x_stream".to_string());
        assert_eq!(taken.unique("x", "_", |names, n| names.contains(&format!("{n}_stream"))), "x_2");
    }
}
