/// An SCF status code.
#[derive(Clone, Copy)]
pub enum Code {
    /// **200** `Success`
    ///
    /// The execution is successful.
    ///
    /// **Solution:**
    ///
    /// \-
    ///
    /// Category: [`Success`](crate::Category::Success) · Retryable: no · Triggers instance repossession: no
    #[doc(alias = "200")]
    Success,
    /// **433** `TimeLimitReached`
    ///
    /// Function execution is not completed after the execution timeout period elapses.
    ///
    /// **Solution:**
    ///
    /// - Check whether a large number of time-consuming operations exist in the service code.
    ///
    /// Category: [`Function`](crate::Category::Function) · Retryable: no · Triggers instance repossession: yes
    ///
    /// **说明**（中文）：
    ///
    /// 当函数在配置的执行超时时间范围内没有执行完成时，会有该返回信息。
    ///
    /// **解决方法：**
    ///
    /// - 检查业务代码是否有大量耗时处理操作。
    #[doc(alias = "433")]
    TimeLimitReached,
    /// A status code that is not in the table: the number is kept as it came, so nothing is lost.
    ///
    /// `from_u16` (and `From<u16>`) is the only way to an `Unknown`, and it returns one only for a number without an entry: `Unknown` never holds `433`, which is `TimeLimitReached`. Its texts say that the code is not in the table; [`UnknownCode::get`](crate::UnknownCode::get) gives the number back.
    Unknown(crate::UnknownCode),
}
impl Code {
    /// Every code in the table, ascending by number. `Unknown` is not among them.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::ALL.contains(&Code::TimeLimitReached));
    /// assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    /// assert!(!Code::ALL.contains(&Code::from_u16(600)));
    /// ```
    pub const ALL: &'static [Code] = &[Code::Success, Code::TimeLimitReached];
    /// Column of the table: row `i` describes `ALL[i]`.
    const NUMBERS: [u16; 2] = [200, 433];
    /// Column of the table; its last row describes `Unknown`.
    const NAMES: [&'static str; 3] = ["Success", "TimeLimitReached", "Unknown"];
    /// Column of the table; its last row describes `Unknown`.
    const MESSAGES: [&'static str; 3] = [
        "Success",
        "TimeLimitReached",
        "Unknown status code",
    ];
    /// Column of the table; its last row describes `Unknown`.
    const DESCRIPTIONS: [&'static str; 3] = [
        "The execution is successful.",
        "Function execution is not completed after the execution timeout period elapses.",
        "This status code is not in the SCF status code table that this version of scf-codes was built from.",
    ];
    /// Column of the table; its last row describes `Unknown`.
    const SOLUTIONS: [&'static str; 3] = [
        "-",
        "- Check whether a large number of time-consuming operations exist in the service code.",
        "Look the code up in Tencent Cloud's current SCF documentation; a newer scf-codes may know it. To add it, edit codes.toml.",
    ];
    /// Column of the table: the descriptions of Tencent's Chinese page, the English one
    /// where a code has none. Only `description_in` reads it, so a program that never
    /// asks for Chinese links none of it.
    const DESCRIPTIONS_ZH: [&'static str; 3] = [
        "The execution is successful.",
        "当函数在配置的执行超时时间范围内没有执行完成时，会有该返回信息。",
        "此状态码不在构建此版本 scf-codes 所用的 SCF 状态码表中。",
    ];
    /// Column of the table, as `DESCRIPTIONS_ZH` for the solutions.
    const SOLUTIONS_ZH: [&'static str; 3] = [
        "-",
        "- 检查业务代码是否有大量耗时处理操作。",
        "请在腾讯云最新的云函数文档中查找此状态码；更新版本的 scf-codes 可能收录了它。如需添加，请编辑 codes.toml。",
    ];
    /// Column of the table; its last row describes `Unknown`.
    const CATEGORIES: [crate::Category; 3] = [
        crate::Category::Success,
        crate::Category::Function,
        crate::Category::Unknown,
    ];
    /// Column of the table; its last row describes `Unknown`.
    const RETRYABLE: [bool; 3] = [false, false, false];
    /// Column of the table; its last row describes `Unknown`.
    const TRIGGERS_REPOSSESSION: [bool; 3] = [false, true, false];
    /// For each number below 1000, one more than its row, or 0 where the table has no
    /// such code: `from_u16` is one comparison and one load for every input, known or
    /// not, with no branch that depends on which code it is.
    const ROW_BY_NUMBER: [u16; 1000] = {
        let mut rows = [0u16; 1000];
        let mut row = 0;
        while row < Self::NUMBERS.len() {
            rows[Self::NUMBERS[row] as usize] = row as u16 + 1;
            row += 1;
        }
        rows
    };
    /// The row of this code in the table's columns.
    #[inline]
    const fn row(self) -> usize {
        match self {
            Code::Success => 0,
            Code::TimeLimitReached => 1,
            Code::Unknown(_) => 2,
        }
    }
    /// The code with this number, or `Unknown` holding it when the table has none.
    ///
    /// Total and lossless: `Code::from_u16(n).as_u16() == n` for every `n`. It is the
    /// only way to an `Unknown`, so `Unknown` never holds a number of the table.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::from_u16(433), Code::TimeLimitReached);
    /// // A number the table does not have is kept, not lost.
    /// let unknown = Code::from_u16(600);
    /// assert!(!unknown.is_known());
    /// assert_eq!(unknown.as_u16(), 600);
    /// ```
    #[inline]
    pub const fn from_u16(code: u16) -> Code {
        if code < 1000 {
            let row = Self::ROW_BY_NUMBER[code as usize];
            if row != 0 {
                return Self::ALL[row as usize - 1];
            }
        }
        Code::Unknown(crate::UnknownCode(code))
    }
    /// The number, e.g. `433`; for `Unknown`, the number it holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::TimeLimitReached.as_u16(), 433);
    /// assert_eq!(Code::from_u16(600).as_u16(), 600);
    /// ```
    #[inline]
    pub const fn as_u16(self) -> u16 {
        match self {
            Code::Unknown(code) => code.get(),
            known => Self::NUMBERS[known.row()],
        }
    }
    /// The variant name, e.g. `"TimeLimitReached"`; `"Unknown"` for `Unknown`.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::TimeLimitReached.name(), "TimeLimitReached");
    /// assert_eq!(Code::from_u16(600).name(), "Unknown");
    /// ```
    #[inline]
    pub const fn name(self) -> &'static str {
        Self::NAMES[self.row()]
    }
    /// The status message, verbatim from Tencent's table, e.g. `"TimeLimitReached"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::TimeLimitReached.message(), "TimeLimitReached");
    /// ```
    #[inline]
    pub const fn message(self) -> &'static str {
        Self::MESSAGES[self.row()]
    }
    /// What the code means (Markdown), from the table's Notes column.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::TimeLimitReached.description().starts_with("Function execution is"));
    /// ```
    #[inline]
    pub const fn description(self) -> &'static str {
        Self::DESCRIPTIONS[self.row()]
    }
    /// What to do about it (Markdown), from the table's Solution column.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::TimeLimitReached.solution().starts_with("- Check whether"));
    /// ```
    #[inline]
    pub const fn solution(self) -> &'static str {
        Self::SOLUTIONS[self.row()]
    }
    /// What the code means (Markdown), in `lang`: the Notes column of Tencent's English
    /// page, or the 说明 column of its Chinese page. A code whose entry has no Chinese
    /// description gives the English one for [`Lang::Zh`](crate::Lang::Zh).
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::{Code, Lang};
    ///
    /// assert_eq!(Code::TimeLimitReached.description_in(Lang::En), Code::TimeLimitReached.description());
    /// assert!(Code::TimeLimitReached.description_in(Lang::Zh).starts_with("当函数在配置的执"));
    /// ```
    #[inline]
    pub const fn description_in(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::En => Self::DESCRIPTIONS[self.row()],
            crate::Lang::Zh => Self::DESCRIPTIONS_ZH[self.row()],
        }
    }
    /// What to do about it (Markdown), in `lang`: the Solution column of Tencent's
    /// English page, or the 解决方法 column of its Chinese page. A code whose entry has
    /// no Chinese solution gives the English one for [`Lang::Zh`](crate::Lang::Zh).
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::{Code, Lang};
    ///
    /// assert_eq!(Code::TimeLimitReached.solution_in(Lang::En), Code::TimeLimitReached.solution());
    /// assert!(Code::TimeLimitReached.solution_in(Lang::Zh).starts_with("- 检查业务代码"));
    /// ```
    #[inline]
    pub const fn solution_in(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::En => Self::SOLUTIONS[self.row()],
            crate::Lang::Zh => Self::SOLUTIONS_ZH[self.row()],
        }
    }
    /// Who has to act on it; `Category::Unknown` for `Unknown`.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::{Category, Code};
    ///
    /// assert_eq!(Code::TimeLimitReached.category(), Category::Function);
    /// assert_eq!(Code::from_u16(600).category(), Category::Unknown);
    /// ```
    #[inline]
    pub const fn category(self) -> crate::Category {
        Self::CATEGORIES[self.row()]
    }
    /// Whether the invocation succeeded.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::Success.is_success());
    /// assert!(!Code::TimeLimitReached.is_success());
    /// ```
    #[inline]
    pub const fn is_success(self) -> bool {
        matches!(self.category(), crate ::Category::Success)
    }
    /// Whether the same request may succeed if sent again later, with backoff, without
    /// changing anything. `false` for `Unknown`.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(!Code::Success.is_retryable());
    /// assert!(!Code::from_u16(600).is_retryable());
    /// ```
    #[inline]
    pub const fn is_retryable(self) -> bool {
        Self::RETRYABLE[self.row()]
    }
    /// Whether SCF repossesses the instance that returned this code, so that the next
    /// invocation starts a new one.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::TimeLimitReached.triggers_repossession());
    /// assert!(!Code::Success.triggers_repossession());
    /// ```
    #[inline]
    pub const fn triggers_repossession(self) -> bool {
        Self::TRIGGERS_REPOSSESSION[self.row()]
    }
    /// Whether the code is in the table, i.e. is not `Unknown`.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert!(Code::TimeLimitReached.is_known());
    /// assert!(!Code::from_u16(600).is_known());
    /// ```
    #[inline]
    pub const fn is_known(self) -> bool {
        !matches!(self, Code::Unknown(_))
    }
}
impl ::core::convert::From<u16> for Code {
    #[inline]
    fn from(code: u16) -> Self {
        Self::from_u16(code)
    }
}
impl ::core::convert::From<Code> for u16 {
    #[inline]
    fn from(code: Code) -> Self {
        code.as_u16()
    }
}
impl ::core::fmt::Display for Code {
    /// The number and the status message: `433 TimeLimitReached`. A width pads the
    /// whole text with the fill character, on the right unless aligned otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::TimeLimitReached.to_string(), "433 TimeLimitReached");
    /// assert!(Code::from_u16(600).to_string().starts_with("600 "));
    /// ```
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match f.width() {
            ::core::option::Option::None => {
                ::core::write!(f, "{} {}", self.as_u16(), self.message())
            }
            ::core::option::Option::Some(width) => self.fmt_padded(f, width),
        }
    }
}
impl Code {
    /// `Display` with a width: the text and fill characters around it, as `f.pad` would
    /// place them, without building the text first.
    #[cold]
    fn fmt_padded(
        self,
        f: &mut ::core::fmt::Formatter<'_>,
        width: usize,
    ) -> ::core::fmt::Result {
        let (code, message) = (self.as_u16(), self.message());
        let digits = match code {
            0..=9 => 1,
            10..=99 => 2,
            100..=999 => 3,
            1000..=9999 => 4,
            _ => 5,
        };
        let padding = width.saturating_sub(digits + 1 + message.chars().count());
        let before = match f.align() {
            ::core::option::Option::Some(::core::fmt::Alignment::Right) => padding,
            ::core::option::Option::Some(::core::fmt::Alignment::Center) => padding / 2,
            _ => 0,
        };
        let fill = f.fill();
        for _ in 0..before {
            ::core::fmt::Write::write_char(f, fill)?;
        }
        ::core::write!(f, "{code} {message}")?;
        for _ in before..padding {
            ::core::fmt::Write::write_char(f, fill)?;
        }
        ::core::result::Result::Ok(())
    }
}
