/** Word lists for the demo data: Indonesian names by ethnic group, cities, schools. */

const w = (s: string): string[] => s.trim().split(/\s+/).map(x => x.replace(/_/g, ' '))

export type GroupKey = 'javanese' | 'sundanese' | 'batak' | 'minang' | 'chinese' | 'arabic' | 'bugis' | 'manado'

export interface NameGroup {
  key: GroupKey
  male: string[]
  female: string[]
  /** Last names; for groups without family names these are the common closing given names. */
  lastMale: string[]
  lastFemale: string[]
  /** Share of students whose name carries a last name. */
  lastRate: number
  /** Children carry the father's family name (marga, fam, Chinese-Indonesian surname). */
  family: boolean
  /** Share of students given a contemporary pan-Indonesian first name instead. */
  modernRate: number
}

export const NAME_GROUPS: Record<GroupKey, NameGroup> = {
  javanese: {
    key: 'javanese',
    male: w('Budi Agus Eko Joko Bambang Slamet Wahyu Adi Bayu Dimas Fajar Galih Gilang Hendra Nugroho Yoga Aditya Bagus Dwi Tri Teguh Anton Heru Rudi Wawan Arif Danang Prasetyo Yudha Satrio'),
    female: w('Sri Dewi Rini Wulan Ayu Endang Ratna Sulastri Retno Yuliana Tri Dwi Lestari Anisa Putri Indah Kartika Sekar Ningsih Rahayu Wening Laras Dyah Puji Suci'),
    lastMale: w('Pratama Saputra Wibowo Santoso Setiawan Nugroho Kusuma Wijaya Susanto Purnomo Handoko Prasetyo Utomo Hartanto Wicaksono Firmansyah Hidayat Kurniawan Ramadhan Adiputra'),
    lastFemale: w('Lestari Rahayu Wulandari Maharani Kurniasari Puspitasari Anggraini Permatasari Safitri Ramadhani Pertiwi Handayani Wardhani Kusumawati Utami Cahyani'),
    lastRate: 0.55, family: false, modernRate: 0.35,
  },
  sundanese: {
    key: 'sundanese',
    male: w('Asep Cecep Dadang Ujang Iwan Yudi Dede Jajang Rudi Aep Deden Ade Agus Dani Rizal Yayan Hendi Ridwan Eman Wahyu'),
    female: w('Neng Euis Rina Siti Nining Nunung Yanti Rika Dewi Lilis Ai Imas Tuti Wiwin Elis Nurul Nenden Rosita Heni'),
    lastMale: w('Permana Kurniawan Hermawan Sopian Suryana Rukmana Gunawan Hidayat Mulyana Sudrajat Supriatna Saepudin Setiadi Ramdani Nugraha Kusnadi'),
    lastFemale: w('Sukmawati Nurhayati Rahmawati Kurniasih Fitriani Susilawati Herlina Nurjanah Rosmiati Sulastri Mulyani'),
    lastRate: 0.5, family: false, modernRate: 0.35,
  },
  batak: {
    key: 'batak',
    male: w('Daniel Samuel Jonathan Josua Boris Rudolf Ferdinand Hotman Tigor Parulian Martua Gomgom Rinaldi Andreas Yosef Christian Hendrik Bonar'),
    female: w('Yohana Rosa Maria Tiur Ruth Friska Debora Rosmawati Lasma Mian Sarah Elisabeth Juliana Grace Nova Roslina Melati Lestiana'),
    lastMale: w('Siregar Nasution Simanjuntak Hutapea Sitompul Situmorang Sinaga Pardede Silalahi Tambunan Harahap Lubis Panjaitan Manurung Simatupang Hutagalung Sihombing Pasaribu Napitupulu Marpaung'),
    lastFemale: [],
    lastRate: 0.97, family: true, modernRate: 0.1,
  },
  minang: {
    key: 'minang',
    male: w('Rahmat Fikri Yusuf Zulkifli Andre Ilham Rizal Afdal Hendri Fadli Rudi Syafri Irwan Yulianto Arief Febri Doni Rinaldo'),
    female: w('Rini Yulia Fitri Febri Nelly Yusnimar Desi Silvia Rahmi Elvi Mardiah Nurhasanah Afni Ratna Yeni Suci Ulfa Vivi'),
    lastMale: w('Chaniago Piliang Tanjung Koto Sikumbang Jambak Caniago Syahputra Hidayat Putra Rahman Fauzi'),
    lastFemale: w('Chaniago Piliang Tanjung Koto Sikumbang Jambak Yanti Fitriani Oktaviani Wahyuni Putri'),
    lastRate: 0.4, family: false, modernRate: 0.3,
  },
  chinese: {
    key: 'chinese',
    male: w('Kevin Steven Vincent William Calvin Gabriel Jonathan Hendrik Jason Ryan Edward Felix Kenneth Andrew Michael Hansen Darren Christopher Wilson Budiman'),
    female: w('Jessica Michelle Felicia Cindy Angeline Natasha Celine Stephanie Vania Clarissa Evelyn Jennifer Olivia Grace Melissa Valencia Cynthia Caroline Livia Sherly'),
    lastMale: w('Tanoto Wijaya Halim Gunawan Salim Lim Tan Santoso Hartono Kurniawan Tjandra Sutanto Susilo Setiadi Liem Wibisono Hadinata Chandra Tanuwijaya Widjaja Lukito Sugianto'),
    lastFemale: [],
    lastRate: 0.85, family: true, modernRate: 0,
  },
  arabic: {
    key: 'arabic',
    male: w('Muhammad Ahmad Abdullah Hasan Husein Umar Ali Hafiz Faris Naufal Rizqi Zaki Salim Fauzan Ibrahim Yusuf Hamzah Ilyas Luthfi Farhan'),
    female: w('Fatimah Aisyah Khadijah Zahra Zainab Salma Nabila Syifa Alya Maryam Hafsah Aminah Sarah Mariam Rahma Laila Azizah Nadia'),
    lastMale: w('Al-Habsyi Assegaf Alatas Baswedan Bahasuan Shihab Al-Jufri Basalamah Alaydrus Bawazier Al-Kaff Hakim Maulana Hidayatullah Firdaus'),
    lastFemale: [],
    lastRate: 0.5, family: true, modernRate: 0.2,
  },
  bugis: {
    key: 'bugis',
    male: w('Andi Muh._Arif Syamsul Rahman Baso Ilham Akbar Fadli Haris Irfan Syahrul Rusdi Zainal Amiruddin Hasbullah Jufri Basri'),
    female: w('Andi Nurul Rahmawati Sitti Hasnah Nurhaeda Fitri Risma Haslinda Nurhayati Sumarni Ratnasari Hasmawati Kartini Megawati'),
    lastMale: w('Syamsuddin Rasyid Makmur Hamzah Mappa Pallawa Tahir Latif Hafid Mustari Rahim Amir'),
    lastFemale: w('Syamsuddin Rasyid Makmur Hamzah Wahyuni Rahayu Sari Amalia'),
    lastRate: 0.35, family: false, modernRate: 0.3,
  },
  manado: {
    key: 'manado',
    male: w('Christian Reinhard Frans Stevanus Jefri Marthen Ricky Hendra Deni Alfred Roy Yohanes Michael Rendy Julius'),
    female: w('Meilany Grace Stella Olivia Jeane Vanny Lidya Christy Ruth Angel Febby Mariska Natalia Sherin'),
    lastMale: w('Lumenta Rondonuwu Sondakh Wowor Mandagi Pangemanan Tumbelaka Lengkong Rumengan Kaunang Tumewu Supit Runtuwene Wenas'),
    lastFemale: [],
    lastRate: 0.92, family: true, modernRate: 0.1,
  },
}

/** Names given to today's schoolchildren across the country. */
export const MODERN_MALE = w('Rafi Arkan Kenzo Azka Alif Raka Zidan Shaka Abimanyu Rayyan Fathan Athar Gibran Reza Naufal Daffa Fariz Hafizh Kevin Rafa Bima Satria Aditya Rizky Fadhil Akbar Dafa Farel')
export const MODERN_FEMALE = w('Keisha Nayla Aqila Kayla Naura Zahra Alya Salsabila Aulia Kirana Nadhira Khanza Anindya Adinda Callista Azzahra Syakira Tsabita Aurelia Cantika Safira Shafa Arsyila Nabila Amira Aisyah Raisa')
export const MODERN_MIDDLE_MALE = w('Rizky Putra Aditya Ramadhan Fadhil Akbar Dwi Alfarizi Firdaus Maulana Pratama Nur Hafidz Al-Fatih')
export const MODERN_MIDDLE_FEMALE = w('Putri Ayu Nur Dwi Amelia Aulia Zahra Salsabila Ramadhani Anggraini Rahma Azzahra Kirana Cahya')

export type RegionKey = 'jakarta' | 'jabar' | 'jateng' | 'jatim' | 'sumut' | 'sumbar' | 'sumsel' | 'sulsel' | 'sulut'

/** Ethnic mix of the families by region (weights). */
export const REGION_GROUPS: Record<RegionKey, Partial<Record<GroupKey, number>>> = {
  jakarta: { javanese: 34, sundanese: 16, batak: 9, minang: 8, chinese: 14, arabic: 9, bugis: 4, manado: 6 },
  jabar: { sundanese: 58, javanese: 18, chinese: 8, batak: 4, minang: 4, arabic: 6, manado: 2 },
  jateng: { javanese: 76, chinese: 9, arabic: 7, sundanese: 4, batak: 2, manado: 2 },
  jatim: { javanese: 70, chinese: 12, arabic: 11, batak: 2, bugis: 2, manado: 3 },
  sumut: { batak: 52, chinese: 20, javanese: 14, minang: 8, arabic: 6 },
  sumbar: { minang: 80, javanese: 8, batak: 6, chinese: 3, arabic: 3 },
  sumsel: { javanese: 35, minang: 15, sundanese: 10, chinese: 18, arabic: 12, batak: 10 },
  sulsel: { bugis: 70, javanese: 10, chinese: 8, manado: 6, arabic: 6 },
  sulut: { manado: 75, chinese: 8, javanese: 6, bugis: 6, arabic: 5 },
}

export interface City {
  name: string
  region: RegionKey
  /** Share of the school's leads from this city (the branches are mostly on Java). */
  weight: number
  /** Roughly how many public SMAs the city has; SMP and SD numbering scale from it. */
  sma: number
  /** Well-known private schools of the city, all levels share them by prefix. */
  privates: string[]
}

export const CITIES: City[] = [
  { name: 'Jakarta', region: 'jakarta', weight: 22, sma: 117, privates: ['Kolese Kanisius', 'Santa Ursula', 'Tarakanita 1', 'Labschool Kebayoran', 'Al-Azhar Kebayoran Baru', 'Global Jaya'] },
  { name: 'Bekasi', region: 'jabar', weight: 7, sma: 22, privates: ['Al-Azhar 4 Kemang Pratama', 'Marsudirini', 'Annisa Bekasi'] },
  { name: 'Depok', region: 'jabar', weight: 6, sma: 14, privates: ['Lazuardi', 'Pribadi Depok', 'Al-Hasra'] },
  { name: 'Tangerang', region: 'jakarta', weight: 6, sma: 15, privates: ['Santa Laurensia', 'Tarakanita Citra Raya', 'Yadika 5'] },
  { name: 'Bogor', region: 'jabar', weight: 5, sma: 10, privates: ['Regina Pacis', 'Insan Kamil', 'Mardi Waluya'] },
  { name: 'Bandung', region: 'jabar', weight: 9, sma: 27, privates: ['Santa Angela', 'Aloysius', 'Taruna Bakti', 'Darul Hikam'] },
  { name: 'Semarang', region: 'jateng', weight: 5, sma: 16, privates: ['Loyola', 'Karangturi', 'Sedes Sapientiae'] },
  { name: 'Yogyakarta', region: 'jateng', weight: 5, sma: 11, privates: ['De Britto', 'Stella Duce 1', 'Muhammadiyah 1 Yogyakarta'] },
  { name: 'Surakarta', region: 'jateng', weight: 3, sma: 8, privates: ['Regina Pacis Surakarta', 'Al-Islam 1 Surakarta', 'Warga Surakarta'] },
  { name: 'Surabaya', region: 'jatim', weight: 8, sma: 22, privates: ['Petra 1', 'St. Louis 1', 'Al-Hikmah Surabaya', 'Trimurti'] },
  { name: 'Malang', region: 'jatim', weight: 4, sma: 10, privates: ['Kolese Santo Yusup', 'Taruna Nala', 'Shalahuddin'] },
  { name: 'Medan', region: 'sumut', weight: 5, sma: 21, privates: ['Sutomo 1', 'Methodist 2', 'Santo Thomas 1', 'Al-Azhar Medan'] },
  { name: 'Padang', region: 'sumbar', weight: 3, sma: 16, privates: ['Adabiah', 'Don Bosco Padang', 'Pertiwi 1'] },
  { name: 'Pekanbaru', region: 'sumsel', weight: 2, sma: 15, privates: ['Cendana', 'Al-Azhar Pekanbaru', 'Santa Maria Pekanbaru'] },
  { name: 'Palembang', region: 'sumsel', weight: 3, sma: 22, privates: ['Xaverius 1', 'Ignatius Global', 'Muhammadiyah 1 Palembang'] },
  { name: 'Bandar Lampung', region: 'sumsel', weight: 2, sma: 17, privates: ['Fransiskus', 'Al-Kautsar', 'Gajah Mada'] },
  { name: 'Makassar', region: 'sulsel', weight: 3, sma: 24, privates: ['Katolik Cenderawasih', 'Athirah', 'Frater Makassar'] },
  { name: 'Manado', region: 'sulut', weight: 1.5, sma: 9, privates: ['Lokon St. Nikolaus', 'Frater Don Bosco', 'Eben Haezar'] },
]

/** Chains that run schools in many cities (numbered branches). */
export const CHAINS_SD = ['SD Islam Al-Azhar', 'SD Muhammadiyah', 'SD Kristen BPK Penabur', 'SDIT Nurul Fikri', 'SD Tarakanita']
export const CHAINS_SMP = ['SMP Islam Al-Azhar', 'SMP Muhammadiyah', 'SMP Kristen BPK Penabur', 'SMPIT Nurul Fikri', 'SMP Labschool']
export const CHAINS_SMA = ['SMA Islam Al-Azhar', 'SMA Muhammadiyah', 'SMA Kristen BPK Penabur', 'SMAIT Nurul Fikri', 'SMA Labschool']

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 76], ['yahoo.com', 7], ['yahoo.co.id', 5], ['icloud.com', 5], ['outlook.com', 4], ['hotmail.com', 3],
]

/** Indonesian mobile prefixes (Telkomsel, Indosat, XL/Axis, Smartfren, Tri). */
export const PHONE_PREFIXES: readonly (readonly [string, number])[] = [
  ['0811', 3], ['0812', 12], ['0813', 8], ['0821', 8], ['0822', 8], ['0823', 4], ['0852', 6], ['0853', 5],
  ['0857', 5], ['0858', 4], ['0877', 4], ['0878', 5], ['0881', 1], ['0882', 1], ['0883', 1], ['0884', 1],
  ['0885', 1], ['0886', 1], ['0887', 1], ['0888', 1], ['0889', 1], ['0895', 3], ['0896', 4], ['0897', 2],
  ['0898', 2], ['0899', 2],
]
