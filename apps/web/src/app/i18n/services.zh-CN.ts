/** Strings of the services screens (desk and phone); keep services.en-US.ts key for key. */
export const servicesZhCN = {
  title: '一窗通办',
};
