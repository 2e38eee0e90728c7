//! Every interface string, Vietnamese first: one tree of tables ([`Strings`] and its sections),
//! read in views as `cx.t().name` or `cx.t().survey.name`; the results and reach views' tables
//! stand apart ([`results`], [`reach`]), so the finder does not carry them. Each string is one line with both
//! languages, so a string missing in either is a compile error, not a blank label. Texts that are
//! data (procedure names, survey questions) are not here: they choose their language with
//! `Lang::pick` in core.

mod reach;
mod results;
mod survey;

pub use reach::ReachStrings;
pub use results::ResultsStrings;
pub use survey::SurveyStrings;
use tthc_core::lang::Lang;

/// Declares a table: `name = "vi", "en";` per string (`name: Type = vi, en;` for other types),
/// giving the struct and its `VI` and `EN` values.
macro_rules! table {
    ($(#[$doc:meta])* $table:ident { $($(#[$fdoc:meta])* $field:ident $(: $ty:ty)? = $vi:expr, $en:expr;)* }) => {
        $(#[$doc])*
        pub struct $table {
            $($(#[$fdoc])* pub $field: $crate::i18n::field_type!($($ty)?),)*
        }
        impl $table {
            pub const VI: $table = $table { $($field: $vi,)* };
            pub const EN: $table = $table { $($field: $en,)* };
        }
    };
}
pub(crate) use table;

/// A table's field type: `&'static str` unless the table says otherwise.
macro_rules! field_type {
    () => { &'static str };
    ($ty:ty) => { $ty };
}
pub(crate) use field_type;

/// The strings in `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    in_lang(lang, &VI, &EN)
}

static VI: Strings = Strings::VI;
static EN: Strings = Strings::EN;

/// A table's Vietnamese or English values.
fn in_lang<T>(lang: Lang, vi: &'static T, en: &'static T) -> &'static T {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

table! {
    /// The application's strings: navigation, search, detail, status; then the sections.
    Strings {
        app_title = "Tra cứu thủ tục hành chính", "Public service finder";
        switch_lang = "English", "Tiếng Việt";
        switch_lang_label = "Switch to English", "Chuyển sang tiếng Việt";
        nav_label = "Chức năng", "Sections";
        nav_check = "Tra cứu", "Find";
        nav_events = "Bạn cần làm gì?", "What do you need?";
        nav_province = "Tỉnh", "Province";
        nav_survey = "Đánh giá", "Rate";
        nav_results = "Kết quả", "Results";
        /// From the results view to the reach view.
        reach_link = "Hiệu quả của tiện ích →", "Widget reach →";
        search_label = "Tìm thủ tục", "Find a procedure";
        search_placeholder = "Tên, mã hoặc việc cần làm, ví dụ: khai sinh, LLTP, 1.001193", "Name, code or task, e.g. birth, LLTP, 1.001193";
        search_hint = "Gõ có dấu hoặc không dấu đều được.", "With or without Vietnamese accents.";
        filters_label = "Lọc theo mức trực tuyến", "Filter by online level";
        filter_all = "Tất cả", "All";
        tier_tinh = "Cấp tỉnh", "Province";
        tier_xa = "Cấp xã", "Commune";
        field_label = "Lĩnh vực", "Field";
        tier_label = "Cấp thực hiện và lĩnh vực", "Tier and field";
        field_all = "Mọi lĩnh vực", "All fields";
        event_all = "Mọi việc cần làm", "All life events";
        results_count = "thủ tục", "procedures";
        results_more = "Xem thêm", "Show more";
        no_results = "Không tìm thấy thủ tục nào khớp với", "No procedure matches";
        suggestions = "Có thể bạn muốn tìm:", "Did you mean:";
        browse_hint = "Hoặc xem theo việc cần làm:", "Or browse by life event:";
        loading = "Đang tải…", "Loading…";
        retry = "Thử lại", "Try again";
        load_failed = "Không tải được dữ liệu.", "Could not load the data.";
        offline_hint = "Kiểm tra kết nối mạng rồi thử lại.", "Check your connection and try again.";
        not_in_catalogue = "thủ tục này không có trong danh mục của tỉnh.", "this procedure is not in the province's catalogue.";
        bad_catalogue = "Dữ liệu thủ tục bị lỗi, không thể hiển thị. Chi tiết cho quản trị viên:", "The procedure data is broken and cannot be shown. Details for the administrator:";
        config_problem = "Cấu hình tiện ích chưa đúng:", "The widget is not configured correctly:";
        unknown_province = "Không có dữ liệu cho tỉnh", "No data for province";
        choose_province = "Chọn tỉnh:", "Choose a province:";
        back = "Quay lại", "Back";
        code = "Mã", "Code";
        level_unknown = "Chưa rõ mức", "Level unknown";
        typical_note = "Mức phổ biến trên toàn quốc, tỉnh chưa công bố riêng.", "Typical level nationwide; the province has not published its own.";
        published_note = "Theo danh mục tỉnh đã công bố.", "From the province's published list.";
        check_portal = "Kiểm tra trên Cổng DVC tỉnh", "Check on the provincial portal";
        do_online = "Làm trực tuyến", "Apply online";
        prepare = "Cần chuẩn bị", "What to prepare";
        no_documents = "Chưa có danh sách giấy tờ; xem trên Cổng Dịch vụ công.", "No document list yet; see the public service portal.";
        how_to_submit = "Cách nộp", "How to apply";
        online = "Trực tuyến", "Online";
        by_post = "Qua bưu điện", "By post";
        in_person = "Trực tiếp", "In person";
        in_person_where = "UBND xã/phường nơi cư trú", "the commune/ward People's Committee where you live";
        time = "Thời hạn giải quyết", "Processing time";
        fee = "Phí, lệ phí", "Fees";
        result = "Kết quả", "Result";
        agency = "Cơ quan thực hiện", "Handled by";
        legal_basis = "Căn cứ pháp lý", "Legal basis";
        sources = "Nguồn dữ liệu", "Data sources";
        unknown_value = "Chưa có thông tin", "Not known yet";
        rate_this = "Đánh giá thủ tục này", "Rate this service";
        events_title = "Bạn cần làm gì?", "What do you need to do?";
        events_intro = "Chọn việc bạn đang làm để xem các thủ tục cần thực hiện và bước nào làm được trên mạng.", "Pick what you are doing to see the procedures involved and which steps can be done online.";
        step_optional = "Tùy trường hợp", "Depends on your case";
        step_online = "Làm được trên mạng", "Can be done online";
        step_offline = "Phải đến trực tiếp", "Needs a visit";
        steps_summary = "bước làm được trên mạng", "steps can be done online";
        absorbed = "Hợp nhất từ", "Merged from";
        portal = "Cổng Dịch vụ công của tỉnh", "Provincial public service portal";
        levels_in_catalogue = "Thủ tục trong danh mục theo mức", "Procedures in the catalogue by level";
        statistics = "Số liệu đã công bố", "Published figures";
        stat_unit = "Đơn vị", "Unit";
        stat_value = "Số liệu", "Figure";
        stat_period = "Kỳ", "Period";
        stat_source = "Nguồn", "Source";
        data_as_of = "Dữ liệu cập nhật", "Data as of";
        fallback_where = "Nơi nộp trực tiếp", "Where to go in person";
        place_question = "Bạn ở xã/phường nào?", "Which commune or ward do you live in?";
        place_why = "Mức trực tuyến và nơi nộp hồ sơ có thể khác nhau giữa các xã, phường.", "Online levels and where to file can differ between communes and wards.";
        place_label = "Tìm xã/phường của bạn", "Find your commune or ward";
        place_placeholder = "Ví dụ: Đông Hà, dong hoi", "For example: Dong Ha, dong hoi";
        place_current = "Nơi bạn ở:", "Where you live:";
        place_change = "Đổi nơi ở", "Change place";
        place_none_found = "Không tìm thấy xã/phường nào khớp.", "No commune or ward matches.";
        place_close = "Đóng", "Close";
        places_label = "Xã/phường tìm được", "Communes and wards found";
        level_varies = "Tùy nơi", "Varies by place";
        varies_hint = "Mức trực tuyến khác nhau giữa các nơi nhận hồ sơ. Chọn xã/phường của bạn để xem mức tại nơi bạn ở.", "The online level differs between offices. Choose your commune or ward to see the level where you live.";
        not_in_registry = "Tỉnh chưa có DVC trực tuyến", "No online service listed";
        not_in_registry_note = "Danh sách dịch vụ công trực tuyến của tỉnh không có thủ tục này. Nộp tại cơ quan hoặc qua bưu điện nếu được; một số thủ tục làm trên hệ thống của bộ, ngành.", "The province's list of online services does not include this procedure. Apply at the office, or by post where allowed; some procedures run on a ministry's own system.";
        national_page = "Xem thủ tục trên Cổng DVC quốc gia", "See this procedure on the national portal";
        registry_from = "Theo", "From";
        file_online = "Nộp hồ sơ trực tuyến", "File online";
        new_tab = "(mở trang mới)", "(opens in a new tab)";
        file_where = "Nơi nhận hồ sơ", "Where the dossier goes";
        your_commune = "UBND xã/phường nơi bạn ở", "The people's committee of your commune or ward";
        branches = "chi nhánh", "branches";
        levels_elsewhere = "Mức ở nơi nhận khác", "Levels at other offices";
        not_at_place = "Xã/phường của bạn chưa nhận thủ tục này trực tuyến.", "Your commune or ward does not take this procedure online.";
        online_here = "Làm được trực tuyến (ít nhất một phần)", "Can be done online (at least partly)";
        levels_where = "Tại", "At";
        no_match_filter = "Không có thủ tục nào khớp với bộ lọc đang chọn.", "No procedure matches the chosen filters.";
        /// Labels of `ui::PERIOD_CHOICES`, in its order (coarsest first).
        periods: [&'static str; 4] = ["Toàn bộ", "Theo năm", "Theo quý", "Theo tháng"], ["Whole range", "By year", "By quarter", "By month"];
        survey: SurveyStrings = SurveyStrings::VI, SurveyStrings::EN;
    }
}

/// The results view's strings: a table of their own (not a section of [`Strings`]), so the finder,
/// which never shows results, does not carry them.
pub fn results(lang: Lang) -> &'static ResultsStrings {
    in_lang(lang, &ResultsStrings::VI, &ResultsStrings::EN)
}

/// The reach view's strings, apart for the same reason as [`results`].
pub fn reach(lang: Lang) -> &'static ReachStrings {
    in_lang(lang, &ReachStrings::VI, &ReachStrings::EN)
}
