//! The language the command shows Tencent's texts in: `--lang`, else the locale of the
//! environment as gettext reads it (`LC_ALL`, then `LC_MESSAGES`, then `LANG`), else English;
//! and the command's own words in that language.

use clap::Args;
use scf_codes::Lang;

use crate::cli::LangArg;

/// The `--lang` option of the commands that show Tencent's texts.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct LangOption {
    /// The language of Tencent's texts: en or zh; by default the locale's (LC_ALL, LC_MESSAGES,
    /// LANG: zh* is Chinese), else English
    #[arg(long, value_enum, value_name = "LANG", hide_possible_values = true)]
    pub lang: Option<LangArg>,
}

impl LangOption {
    /// The language asked for, else the environment's.
    pub fn lang(self) -> Lang {
        self.lang.map_or_else(from_environment, Into::into)
    }
}

/// The language of the environment's locale.
pub fn from_environment() -> Lang {
    from_locale(|name| std::env::var(name).ok())
}

/// The language of the locale that `var` gives, as gettext picks it: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty. `zh`, `zh_CN.UTF-8`, `zh-TW` are Chinese;
/// anything else, or nothing, is English.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The command's own words around Tencent's texts, in one language.
#[derive(Debug)]
pub struct Words {
    /// The `lang` attribute of an HTML page.
    pub html_lang: &'static str,
    /// The label "Name".
    pub name: &'static str,
    /// The label "Category".
    pub category: &'static str,
    /// The label "Retryable".
    pub retryable: &'static str,
    /// The label "Triggers instance repossession".
    pub triggers_repossession: &'static str,
    /// The heading of a code's description.
    pub description: &'static str,
    /// The heading of a code's solution.
    pub solution: &'static str,
    /// The label "Yes".
    pub yes: &'static str,
    /// The label "No".
    pub no: &'static str,
    /// What follows a label: `:`, or the full-width `：` in Chinese.
    pub colon: &'static str,
    /// The header of a list of codes: code, name, category, retry, message.
    pub columns: [&'static str; 5],
    /// The heading of triage's advice.
    pub what_to_do_first: &'static str,
    /// The heading of the HTML report's column of advice.
    pub what_to_do: &'static str,
    /// What `search` says when nothing matches, before the words.
    pub no_match: &'static str,
}

const ENGLISH: Words = Words {
    html_lang: "en",
    name: "Name",
    category: "Category",
    retryable: "Retryable",
    triggers_repossession: "Triggers instance repossession",
    description: "Description",
    solution: "Solution",
    yes: "yes",
    no: "no",
    colon: ":",
    columns: ["CODE", "NAME", "CATEGORY", "RETRY", "MESSAGE"],
    what_to_do_first: "What to do first (scf-codes explain CODE says more):",
    what_to_do: "What to do",
    no_match: "No code matches",
};

const CHINESE: Words = Words {
    html_lang: "zh-CN",
    name: "名称",
    category: "类别",
    retryable: "可重试",
    triggers_repossession: "触发实例回收",
    description: "说明",
    solution: "解决方法",
    yes: "是",
    no: "否",
    colon: "：",
    columns: ["状态码", "名称", "类别", "可重试", "状态消息"],
    what_to_do_first: "首先该做什么（scf-codes explain 状态码 --lang zh 说明更多）：",
    what_to_do: "解决方法",
    no_match: "没有状态码匹配",
};

/// The command's words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Zh => &CHINESE,
    }
}

impl Words {
    /// `yes` or `no` in these words.
    pub fn yes_no(&self, flag: bool) -> &'static str {
        if flag { self.yes } else { self.no }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: &[(&str, &str)]) -> Lang {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        from_locale(|name| {
            vars.iter()
                .find(|(var, _)| var == name)
                .map(|(_, value)| value.clone())
        })
    }

    #[test]
    fn the_first_locale_variable_set_decides_as_gettext_has_it() {
        assert_eq!(locale(&[]), Lang::En);
        assert_eq!(locale(&[("LANG", "zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "zh_TW.UTF-8")]), Lang::Zh);
        assert_eq!(locale(&[("LANG", "en_US.UTF-8")]), Lang::En);
        assert_eq!(locale(&[("LANG", "C")]), Lang::En);
        assert_eq!(
            locale(&[("LC_ALL", "C.UTF-8"), ("LANG", "zh_CN.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            locale(&[("LC_MESSAGES", "zh_CN"), ("LANG", "en_US")]),
            Lang::Zh
        );
        // An empty variable counts as unset.
        assert_eq!(locale(&[("LC_ALL", ""), ("LANG", "zh_CN")]), Lang::Zh);
    }

    #[test]
    fn each_language_has_all_its_words() {
        for lang in Lang::ALL {
            let words = words(lang);
            assert!(!words.description.is_empty() && !words.solution.is_empty());
            assert_eq!(words.columns.len(), 5);
        }
        assert_eq!(words(Lang::Zh).html_lang, "zh-CN");
    }
}
