/** Indonesian texts for activities, lost reasons, to-dos, notifications and ad campaigns. */

export type ActivityKind = 'call' | 'chat' | 'meeting' | 'note'
export type Outcome = 'connected' | 'no_answer' | 'interested' | 'callback' | 'not_interested'

export interface ActivityTemplate {
  type: ActivityKind
  outcome: Outcome | null
  notes: string
  next?: string
}

/** Phase of the lead when the activity happened: 0 prospect, 1 follow-up, 2 interested, 3 negotiation, 4 won, 5 lost. */
export const ACTIVITY_TEMPLATES: ActivityTemplate[][] = [
  [
    { type: 'chat', outcome: 'no_answer', notes: 'Sudah dihubungi via WA, belum dibalas', next: 'Chat ulang via WA' },
    { type: 'call', outcome: 'no_answer', notes: 'Telepon tidak diangkat, kirim pesan WA perkenalan', next: 'Telepon ulang sore hari' },
    { type: 'chat', outcome: 'connected', notes: 'Orang tua minta brosur program {program}', next: 'Kirim brosur dan pricelist' },
    { type: 'chat', outcome: 'connected', notes: 'Menanyakan jadwal kelas dan lokasi cabang terdekat', next: 'Kirim jadwal kelas' },
    { type: 'call', outcome: 'callback', notes: 'Orang tua sedang di kantor, minta ditelepon setelah jam 5 sore', next: 'Telepon setelah jam 17.00' },
    { type: 'note', outcome: null, notes: 'Data lead sudah dicek dan dilengkapi, belum ada nomor kedua' },
  ],
  [
    { type: 'chat', outcome: 'connected', notes: 'Kirim pricelist {program} via WhatsApp, orang tua bilang akan diskusi dulu', next: 'Tanyakan keputusan orang tua' },
    { type: 'call', outcome: 'connected', notes: 'Menjelaskan sistem belajar, jumlah siswa per kelas dan jadwal tryout', next: 'Tawarkan trial class' },
    { type: 'chat', outcome: 'no_answer', notes: 'Follow-up kedua via WA, centang dua tapi belum dibalas', next: 'Follow-up ketiga' },
    { type: 'call', outcome: 'callback', notes: 'Siswa sedang ujian sekolah, minta dihubungi minggu depan', next: 'Hubungi setelah ujian' },
    { type: 'chat', outcome: 'interested', notes: 'Siswa tertarik ikut tryout gratis hari Minggu', next: 'Kirim link pendaftaran tryout' },
  ],
  [
    { type: 'meeting', outcome: 'interested', notes: 'Siswa ikut trial class, respon positif dengan tutornya', next: 'Kirim penawaran paket' },
    { type: 'meeting', outcome: 'interested', notes: 'Orang tua datang ke cabang, konsultasi pilihan PTN dan jurusan', next: 'Kirim simulasi biaya' },
    { type: 'call', outcome: 'interested', notes: 'Orang tua tertarik {program}, menanyakan sistem cicilan', next: 'Kirim skema cicilan' },
    { type: 'chat', outcome: 'connected', notes: 'Kirim hasil tryout dan rekomendasi kelas', next: 'Follow-up hasil tryout' },
    { type: 'note', outcome: null, notes: 'Kakaknya alumni, orang tua sudah kenal program kita' },
  ],
  [
    { type: 'call', outcome: 'interested', notes: 'Negosiasi diskon early bird, orang tua minta potongan 10%', next: 'Konfirmasi diskon ke manajer' },
    { type: 'chat', outcome: 'callback', notes: 'Minta cicilan 3x, menunggu keputusan ayah', next: 'Tanyakan keputusan' },
    { type: 'meeting', outcome: 'interested', notes: 'Tatap muka di cabang, membahas jadwal dan pembayaran', next: 'Kirim invoice DP' },
    { type: 'chat', outcome: 'connected', notes: 'Membandingkan dengan bimbel lain, dijelaskan keunggulan kelas kecil', next: 'Kirim testimoni alumni' },
  ],
  [
    { type: 'chat', outcome: 'interested', notes: 'Sudah transfer DP, bukti transfer diterima' },
    { type: 'meeting', outcome: 'interested', notes: 'Pembayaran lunas, siswa terdaftar di {program}' },
    { type: 'note', outcome: null, notes: 'Formulir pendaftaran dan foto siswa sudah lengkap' },
  ],
  [
    { type: 'call', outcome: 'not_interested', notes: 'Orang tua bilang sudah daftar di bimbel lain' },
    { type: 'chat', outcome: 'not_interested', notes: 'Biaya di atas budget keluarga, mungkin semester depan' },
    { type: 'chat', outcome: 'no_answer', notes: 'Sudah 3x follow-up tidak ada respon, ditutup' },
    { type: 'call', outcome: 'not_interested', notes: 'Jadwal kelas bentrok dengan les lain' },
  ],
]

export const LOST_REASONS: readonly (readonly [string, number])[] = [
  ['Harga terlalu mahal', 24], ['Pilih bimbel lain', 20], ['Tidak ada respon', 22], ['Jadwal tidak cocok', 12],
  ['Lokasi terlalu jauh', 8], ['Belum butuh, nanti semester depan', 6], ['Sudah diterima di PTN lewat jalur prestasi', 3],
  ['Orang tua tidak setuju', 3], ['Nomor WhatsApp tidak aktif', 2],
]

/** What the closing activity of a lost lead says, by lost reason. */
export const LOST_NOTES: Record<string, ActivityTemplate> = {
  'Harga terlalu mahal': { type: 'chat', outcome: 'not_interested', notes: 'Biaya di atas budget keluarga, mungkin semester depan' },
  'Pilih bimbel lain': { type: 'call', outcome: 'not_interested', notes: 'Orang tua bilang sudah daftar di bimbel lain' },
  'Tidak ada respon': { type: 'chat', outcome: 'no_answer', notes: 'Sudah 3x follow-up tidak ada respon, ditutup' },
  'Jadwal tidak cocok': { type: 'call', outcome: 'not_interested', notes: 'Jadwal kelas bentrok dengan les lain' },
  'Lokasi terlalu jauh': { type: 'call', outcome: 'not_interested', notes: 'Rumah jauh dari cabang, tidak mau kelas online' },
  'Nomor WhatsApp tidak aktif': { type: 'call', outcome: 'no_answer', notes: 'Nomor WA tidak aktif, telepon juga tidak tersambung' },
}

export const LEAD_NOTES = [
  'Minta dihubungi setelah jam 5 sore', 'Anak kedua, kakaknya alumni', 'Target PTN: UI / ITB', 'Target FK UGM',
  'Lebih suka kelas online', 'Butuh kelas hari Sabtu-Minggu', 'Orang tua kerja di luar kota, komunikasi via WA saja',
  'Rekomendasi dari guru BK', 'Ikut tryout gratis bulan lalu', 'Tanya beasiswa / potongan siswa berprestasi',
]

export const TODO_TITLES = [
  'Follow-up {student} soal jadwal trial class', 'Kirim brosur {program} ke {parent}', 'Telepon ulang {parent}',
  'Konfirmasi pembayaran DP {student}', 'Kirim invoice cicilan ke {parent}', 'Jadwalkan konsultasi jurusan untuk {student}',
]
export const TODO_GENERAL = [
  'Rekap leads event sekolah minggu ini', 'Siapkan laporan mingguan untuk manajer', 'Update pricelist semester depan',
  'Cek leads baru dari TikTok Ads', 'Koordinasi jadwal tryout akbar', 'Balas chat WA yang belum terbaca',
  'Siapkan materi presentasi ke SMA mitra', 'Follow-up daftar ulang siswa lama', 'Rapat evaluasi target bulanan',
]

export interface NotificationTemplate {
  type: string
  title: string
  body: string
  link: string
}
export const NOTIFICATIONS: NotificationTemplate[] = [
  { type: 'follow_up_due', title: 'Follow-up jatuh tempo: {student}', body: 'Jadwal follow-up {student} hari ini pukul {time} WIB.', link: '/leads/{lead}' },
  { type: 'lead_assigned', title: 'Lead baru untuk Anda: {student}', body: 'Lead {student} dari {channel} telah ditugaskan kepada Anda.', link: '/leads/{lead}' },
  { type: 'lead_won', title: 'Selamat! {student} mendaftar', body: '{student} resmi terdaftar di {program}.', link: '/leads/{lead}' },
  { type: 'follow_up_overdue', title: 'Follow-up terlewat: {student}', body: 'Follow-up {student} sudah lewat jadwal. Segera hubungi kembali.', link: '/leads/{lead}' },
  { type: 'target', title: 'Progres target bulan ini', body: 'Pencapaian omzet tim bulan ini sudah {pct}% dari target.', link: '/reports/targets' },
]

export const MONTHS_ID = ['jan', 'feb', 'mar', 'apr', 'mei', 'jun', 'jul', 'agu', 'sep', 'okt', 'nov', 'des']

/** Campaign themes; `level` steers which grades the campaign's leads come from. */
export const CAMPAIGN_THEMES: readonly { tag: string, level: 'UTBK' | 'SMA' | 'SMP' | 'SD' | 'ALL', weight: number }[] = [
  { tag: 'utbk{Y}', level: 'UTBK', weight: 5 },
  { tag: 'snbt{Y}', level: 'UTBK', weight: 2 },
  { tag: 'reguler_sma', level: 'SMA', weight: 3 },
  { tag: 'reguler_smp', level: 'SMP', weight: 2 },
  { tag: 'anbk_smp', level: 'SMP', weight: 1 },
  { tag: 'kelas_sd', level: 'SD', weight: 1 },
  { tag: 'tryout_gratis', level: 'ALL', weight: 2 },
  { tag: 'pendaftaran', level: 'ALL', weight: 2 },
]
export const CAMPAIGN_KINDS = ['promo', 'leadform', 'retarget', 'diskon', 'earlybird', 'konversi']
export const AD_CONTENTS = [
  'video_testimoni_alumni', 'carousel_ptn_favorit', 'reels_tips_utbk', 'story_diskon', 'video_tutor', 'banner_tryout',
  'ugc_siswa', 'video_hasil_tryout', 'static_pricelist', 'reels_day_in_class',
]
